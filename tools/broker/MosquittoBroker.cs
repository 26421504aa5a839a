using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace Beacons.Broker
{
    /// <summary>
    /// A real mosquitto 2.x on 127.0.0.1 with free ports, in a temp folder with a generated config: optional
    /// password file, ACL file, TLS listener (a CA made at start) and extra config lines (bridges). The demo's private
    /// broker and every test's broker: Stop (kill -9), Terminate, Restart (same ports), Pause and Resume serve chaos
    /// tests; Dispose kills it and deletes the folder.
    /// </summary>
    public sealed class MosquittoBroker : IDisposable
    {
        /// <summary>Where Debian's mosquitto package puts the broker.</summary>
        public const string BinaryPath = "/usr/sbin/mosquitto";

        /// <summary>Password file tool of the same package.</summary>
        public const string PasswdToolPath = "/usr/bin/mosquitto_passwd";

        /// <summary>Broker output kept for diagnostics; older lines are dropped so a day-long demo stays bounded.</summary>
        public const int MaxLogChars = 256 * 1024;

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

        /// <summary>Plain listener as a broker URL for the firmware config, the monitor and the demo.</summary>
        public string Url => $"mqtt://{Host}:{Port}";

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

        /// <summary>
        /// Installs Debian's mosquitto package with apt-get when it is missing and that is allowed and possible (root on
        /// Debian); otherwise throws <see cref="MosquittoMissingException"/> saying what to install.
        /// </summary>
        public static void EnsureInstalled(bool allowInstall, TextWriter log)
        {
            if (File.Exists(BinaryPath) && File.Exists(PasswdToolPath))
            {
                return;
            }

            if (!allowInstall || Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
            {
                throw new MosquittoMissingException(
                    "mosquitto is not installed. Install it with: sudo apt-get update && sudo apt-get install -y mosquitto " +
                    "(or pass --broker mqtt://host:port to use a running broker).");
            }

            log.WriteLine("mosquitto is missing: installing it with apt-get (pass --no-install to refuse)...");
            RunTool("/usr/bin/apt-get", "update -qq");
            RunTool("/usr/bin/apt-get", "install -y -qq mosquitto");
            if (!File.Exists(BinaryPath))
            {
                throw new MosquittoMissingException("apt-get ran but " + BinaryPath + " is still missing.");
            }
        }

        /// <summary>Starts a broker and waits until it accepts connections; <see cref="MosquittoMissingException"/> without mosquitto.</summary>
        public static MosquittoBroker Start(MosquittoOptions options = null)
        {
            if (!File.Exists(BinaryPath))
            {
                throw new MosquittoMissingException($"mosquitto is not installed ({BinaryPath} missing): apt-get install -y mosquitto");
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
                catch (Exception ex) when (ex is not MosquittoMissingException)
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
            config.AppendLine("# Generated by Beacons.Broker MosquittoBroker");
            config.AppendLine("per_listener_settings false");

            // mosquitto 2.x started as root drops to user "mosquitto", which could not read this root-owned folder.
            config.AppendLine("user root");
            config.AppendLine("log_dest stderr"); // unbuffered when piped, unlike stdout
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

            foreach (string line in Options.ExtraConfig)
            {
                config.AppendLine(line);
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
                throw new MosquittoMissingException($"{PasswdToolPath} missing: apt-get install -y mosquitto");
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
                if (_log.Length > MaxLogChars)
                {
                    _log.Remove(0, _log.Length - MaxLogChars / 2);
                }
            }
        }

        private static void RunTool(string file, string args)
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

    /// <summary>mosquitto (or mosquitto_passwd) is not installed; the message says how to install it.</summary>
    public sealed class MosquittoMissingException : InvalidOperationException
    {
        public MosquittoMissingException(string message)
            : base(message)
        {
        }
    }
}
