using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Beacons.Tests.Integration.Infrastructure
{
    /// <summary>
    /// A real mosquitto 2.x on 127.0.0.1 with free ports, in a temp folder with a generated config: optional
    /// password file, ACL file and TLS listener (test CA made at start). Stop, Restart (same ports), Pause and
    /// Resume serve chaos tests; Dispose kills it and deletes the folder.
    /// </summary>
    public sealed class MosquittoBroker : IDisposable
    {
        /// <summary>Where Debian's mosquitto package puts the broker.</summary>
        public const string BinaryPath = "/usr/sbin/mosquitto";

        /// <summary>Password file tool of the same package.</summary>
        public const string PasswdToolPath = "/usr/bin/mosquitto_passwd";

        private const int SigStop = 19;
        private const int SigCont = 18;
        private const int SigTerm = 15;
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
        private readonly StringBuilder _log = new StringBuilder();
        private readonly string _configPath;
        private Process _process;

        private MosquittoBroker(MosquittoOptions options, string folder, int port, int tlsPort)
        {
            Options = options;
            Folder = folder;
            Port = port;
            TlsPort = tlsPort;
            _configPath = Path.Combine(folder, "mosquitto.conf");
        }

        /// <summary>Address the listeners are bound to.</summary>
        public string Host => "127.0.0.1";

        /// <summary>Plain MQTT port.</summary>
        public int Port { get; }

        /// <summary>TLS port, or 0 without <see cref="MosquittoOptions.Tls"/>.</summary>
        public int TlsPort { get; }

        /// <summary>Temp folder holding config, password file, certificates and persistence.</summary>
        public string Folder { get; }

        public MosquittoOptions Options { get; }

        /// <summary>The test CA that issued the server certificate (null without TLS); it can issue client certificates.</summary>
        public MosquittoCertificates Certificates { get; private set; }

        /// <summary>PEM file of the test CA (null without TLS).</summary>
        public string CaFile { get; private set; }

        public bool IsRunning => _process != null && !_process.HasExited;

        /// <summary>Broker output so far (for assertion messages).</summary>
        public string Log
        {
            get
            {
                lock (_log)
                {
                    return _log.ToString();
                }
            }
        }

        /// <summary>Starts a broker and waits until it accepts connections. Fails the test if mosquitto is missing.</summary>
        public static MosquittoBroker Start(MosquittoOptions options = null)
        {
            if (!File.Exists(BinaryPath))
            {
                Assert.Fail($"mosquitto is not installed ({BinaryPath} missing): apt-get install -y mosquitto");
            }

            options ??= new MosquittoOptions();
            Exception last = null;

            // A free port found by binding can be taken again before mosquitto binds it; try a few.
            for (int attempt = 0; attempt < 3; attempt++)
            {
                string folder = Path.Combine(Path.GetTempPath(), "mosquitto-" + Guid.NewGuid().ToString("N").Substring(0, 12));
                Directory.CreateDirectory(folder);
                var broker = new MosquittoBroker(options, folder, FreePort(), options.Tls ? FreePort() : 0);
                try
                {
                    broker.WriteFiles();
                    broker.Launch();
                    return broker;
                }
                catch (Exception ex) when (ex is not AssertFailedException)
                {
                    last = ex;
                    broker.Dispose();
                }
            }

            throw new InvalidOperationException("mosquitto did not start", last);
        }

        /// <summary>Kills the broker (SIGKILL): clients see their sockets die, no goodbye.</summary>
        public void Stop()
        {
            Process process = _process;
            _process = null;
            if (process == null)
            {
                return;
            }

            try
            {
                if (!process.HasExited)
                {
                    process.Kill(true);
                }

                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        /// <summary>
        /// Terminates the broker (SIGTERM): clients' sockets die just the same, but mosquitto first saves its persistence
        /// database, so durable sessions and the messages queued for them survive the restart.
        /// </summary>
        public void Terminate()
        {
            Process process = _process;
            if (process == null)
            {
                return;
            }

            Signal(SigTerm);
            if (!process.WaitForExit(10000))
            {
                Stop();
                return;
            }

            _process = null;
            process.Dispose();
        }

        /// <summary>Starts the broker again on the same ports after <see cref="Stop"/> or <see cref="Terminate"/>.</summary>
        public void Start()
        {
            if (_process == null)
            {
                Launch();
            }
        }

        /// <summary>Stops (if running) and starts the same broker again on the same ports.</summary>
        public void Restart()
        {
            Stop();
            Launch();
        }

        /// <summary>Freezes the broker (SIGSTOP): sockets stay open but nothing is answered.</summary>
        public void Pause()
        {
            Signal(SigStop);
        }

        /// <summary>Resumes a paused broker (SIGCONT).</summary>
        public void Resume()
        {
            Signal(SigCont);
        }

        /// <summary>Waits until the plain (and TLS) port accept TCP connections; throws with the broker log if not.</summary>
        public void WaitUntilAccepting(TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            foreach (int port in TlsPort == 0 ? new[] { Port } : new[] { Port, TlsPort })
            {
                while (!Accepts(port))
                {
                    if (_process == null || _process.HasExited)
                    {
                        throw new InvalidOperationException($"mosquitto exited while starting:{Environment.NewLine}{Log}");
                    }

                    if (watch.Elapsed > timeout)
                    {
                        throw new TimeoutException($"mosquitto does not accept on port {port}:{Environment.NewLine}{Log}");
                    }

                    Thread.Sleep(20);
                }
            }
        }

        public void Dispose()
        {
            if (_process != null && IsRunning)
            {
                // A paused process cannot die until it is continued.
                Signal(SigCont);
            }

            Stop();
            Certificates?.Dispose();
            try
            {
                Directory.Delete(Folder, true);
            }
            catch (IOException)
            {
                // Temp folder; best effort.
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

        private static bool Accepts(int port)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int sig);

        private void Signal(int signal)
        {
            Process process = _process ?? throw new InvalidOperationException("mosquitto is not running");
            if (kill(process.Id, signal) != 0)
            {
                throw new InvalidOperationException($"kill({process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }

        private void WriteFiles()
        {
            var config = new StringBuilder();
            config.AppendLine("# Generated by Beacons.Tests.Integration MosquittoBroker");
            config.AppendLine("per_listener_settings false");

            // mosquitto 2.x started as root drops to user "mosquitto", which could not read this root-owned folder.
            config.AppendLine("user root");
            config.AppendLine("log_dest stdout");
            config.AppendLine("log_type error");
            config.AppendLine("log_type warning");
            config.AppendLine("log_type notice");
            config.AppendLine("log_type information");
            config.AppendLine("connection_messages true");
            config.AppendLine("allow_anonymous " + (Options.AllowAnonymous ? "true" : "false"));
            if (Options.Persistence)
            {
                config.AppendLine("persistence true");
                config.AppendLine("persistence_location " + Folder + Path.DirectorySeparatorChar);
            }
            else
            {
                config.AppendLine("persistence false");
            }

            if (Options.Users.Count > 0)
            {
                string passwordFile = Path.Combine(Folder, "passwd");
                WritePasswordFile(passwordFile);
                config.AppendLine("password_file " + passwordFile);
            }

            if (Options.AclFile != null)
            {
                config.AppendLine("acl_file " + Path.GetFullPath(Options.AclFile));
            }

            config.AppendLine($"listener {Port} {Host}");
            if (Options.Tls)
            {
                Certificates = MosquittoCertificates.CreateAuthority();
                CaFile = Path.Combine(Folder, "ca.pem");
                string certFile = Path.Combine(Folder, "server.pem");
                string keyFile = Path.Combine(Folder, "server.key");
                File.WriteAllText(CaFile, Certificates.AuthorityPem);
                using (var server = Certificates.IssueServer(new System.Collections.Generic.List<string>(Options.ServerCertificateNames).ToArray()))
                {
                    MosquittoCertificates.WriteCertificatePem(server, certFile);
                    MosquittoCertificates.WritePrivateKeyPem(server, keyFile);
                }

                config.AppendLine($"listener {TlsPort} {Host}");
                config.AppendLine("cafile " + CaFile);
                config.AppendLine("certfile " + certFile);
                config.AppendLine("keyfile " + keyFile);
                config.AppendLine("require_certificate " + (Options.RequireClientCertificate ? "true" : "false"));
            }

            File.WriteAllText(_configPath, config.ToString());
        }

        private void WritePasswordFile(string path)
        {
            // Plain "user:password" lines, then hashed in place by mosquitto_passwd -U.
            var lines = new StringBuilder();
            foreach (var user in Options.Users)
            {
                lines.Append(user.Key).Append(':').Append(user.Value).Append('\n');
            }

            File.WriteAllText(path, lines.ToString());
            if (!OperatingSystem.IsWindows())
            {
                // mosquitto warns about (and newer versions refuse) a password file others can read.
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            if (!File.Exists(PasswdToolPath))
            {
                Assert.Fail($"{PasswdToolPath} missing: apt-get install -y mosquitto");
            }

            using var tool = Process.Start(new ProcessStartInfo(PasswdToolPath)
            {
                ArgumentList = { "-U", path },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            string errors = tool.StandardError.ReadToEnd();
            tool.WaitForExit();
            if (tool.ExitCode != 0)
            {
                throw new InvalidOperationException("mosquitto_passwd -U failed: " + errors);
            }
        }

        private void Launch()
        {
            var info = new ProcessStartInfo(BinaryPath)
            {
                ArgumentList = { "-c", _configPath },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Folder,
            };
            var process = new Process { StartInfo = info };
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;
            WaitUntilAccepting(StartTimeout);
        }

        private void Append(string line)
        {
            if (line == null)
            {
                return;
            }

            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
