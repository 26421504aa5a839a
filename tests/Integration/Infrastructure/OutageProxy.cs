using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Beacons.Tests.Integration.Infrastructure
{
    /// <summary>
    /// A TCP hop in front of a real broker that can play a dead one: while <see cref="Blackhole"/> is set it accepts
    /// connections and never answers (what a firewalled or hung broker looks like to a client waiting for CONNACK);
    /// otherwise it forwards bytes both ways. A connection keeps the mode it was accepted in.
    /// </summary>
    public sealed class OutageProxy : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly int _targetPort;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly List<TcpClient> _open = new List<TcpClient>();
        private int _blackhole;

        public OutageProxy(int targetPort, bool blackhole)
        {
            _targetPort = targetPort;
            _blackhole = blackhole ? 1 : 0;
            _listener.Start();
            _ = AcceptLoop();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public bool Blackhole
        {
            get => Volatile.Read(ref _blackhole) != 0;
            set => Volatile.Write(ref _blackhole, value ? 1 : 0);
        }

        /// <summary>Connections accepted while blackholed.</summary>
        public int Swallowed { get; private set; }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_open)
            {
                foreach (TcpClient c in _open)
                {
                    c.Dispose();
                }
            }
        }

        private async Task AcceptLoop()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception)
                {
                    return;
                }

                lock (_open)
                {
                    _open.Add(client);
                }

                if (Blackhole)
                {
                    Swallowed++;
                    _ = Drain(client.GetStream());
                }
                else
                {
                    _ = Forward(client);
                }
            }
        }

        private async Task Drain(NetworkStream stream)
        {
            var buffer = new byte[1024];
            try
            {
                while (await stream.ReadAsync(buffer, _stop.Token) > 0)
                {
                }
            }
            catch (Exception)
            {
                // client gave up
            }
        }

        private async Task Forward(TcpClient client)
        {
            using var upstream = new TcpClient();
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                NetworkStream a = client.GetStream();
                NetworkStream b = upstream.GetStream();
                await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
            }
            catch (Exception)
            {
                // either side closed
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
