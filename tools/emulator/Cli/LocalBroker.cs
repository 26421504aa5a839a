using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace Beacons.Emulator
{
    /// <summary>
    /// A private mosquitto for the demo: 127.0.0.1 only, a free port, a throw-away folder, stopped on Dispose.
    /// If mosquitto is missing it is installed with apt-get when that is allowed and possible (root on Debian),
    /// otherwise the error says what to install.
    /// </summary>
    public sealed class LocalBroker : IDisposable
    {
        private readonly Process _process;
        private readonly string _folder;

        private LocalBroker(Process process, string folder, int port)
        {
            _process = process;
            _folder = folder;
            Port = port;
        }

        public int Port { get; }

        public string Url => $"mqtt://127.0.0.1:{Port}";

        public static string FindBinary()
        {
            foreach (string candidate in new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto", "/usr/local/bin/mosquitto" })
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        /// <summary>Installs mosquitto with apt-get if it is missing; returns the binary path or throws with advice.</summary>
        public static string EnsureInstalled(bool allowInstall, TextWriter log)
        {
            string binary = FindBinary();
            if (binary != null)
            {
                return binary;
            }

            bool isRoot = Environment.UserName == "root";
            if (!allowInstall || !isRoot || !File.Exists("/usr/bin/apt-get"))
            {
                throw new InvalidOperationException(
                    "mosquitto is not installed. Install it with: sudo apt-get update && sudo apt-get install -y mosquitto " +
                    "(or pass --broker mqtt://host:port to use a running broker).");
            }

            log.WriteLine("mosquitto is missing: installing it with apt-get (pass --no-install to refuse)...");
            Run("/usr/bin/apt-get", "update -qq");
            Run("/usr/bin/apt-get", "install -y -qq mosquitto");
            return FindBinary() ?? throw new InvalidOperationException("apt-get ran but mosquitto is still missing.");
        }

        public static LocalBroker Start(string binary)
        {
            string folder = Path.Combine(Path.GetTempPath(), "beacons-broker-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            int port = FreePort();
            string conf = Path.Combine(folder, "mosquitto.conf");
            File.WriteAllText(conf,
                $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\nlog_type error\nlog_type warning\n");
            var psi = new ProcessStartInfo(binary, $"-c \"{conf}\"")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            Process process = Process.Start(psi) ?? throw new InvalidOperationException("could not start mosquitto");
            process.ErrorDataReceived += (_, __) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var broker = new LocalBroker(process, folder, port);
            if (!WaitForPort(port, TimeSpan.FromSeconds(10)))
            {
                broker.Dispose();
                throw new InvalidOperationException($"mosquitto did not open 127.0.0.1:{port}");
            }

            return broker;
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill();
                    _process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            _process.Dispose();
            try
            {
                Directory.Delete(_folder, true);
            }
            catch (IOException)
            {
            }
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private static bool WaitForPort(int port, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    using var client = new TcpClient();
                    client.Connect(IPAddress.Loopback, port);
                    return true;
                }
                catch (SocketException)
                {
                    Thread.Sleep(50);
                }
            }

            return false;
        }

        private static void Run(string file, string args)
        {
            var psi = new ProcessStartInfo(file, args) { UseShellExecute = false };
            psi.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            using Process p = Process.Start(psi) ?? throw new InvalidOperationException($"could not run {file}");
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {args} failed with exit code {p.ExitCode}");
            }
        }
    }
}
