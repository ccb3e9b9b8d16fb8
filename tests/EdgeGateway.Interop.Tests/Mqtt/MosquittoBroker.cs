using System.Diagnostics;
using System.Globalization;
using System.Text;
using EdgeGateway.Interop.Tests.Peers;

namespace EdgeGateway.Interop.Tests.Mqtt;

/// <summary>
/// A private mosquitto (docs test-peers.md) on free loopback ports, with its own config directory: a plain listener,
/// optionally a password file, an ACL and a mutual-TLS listener. <see cref="StopAsync"/> ends it with SIGTERM and
/// <see cref="StartAsync()"/> brings it back on the same ports, for outage tests; disposing kills it.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(10);

    private readonly string _executable;
    private readonly string _configFile;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private MosquittoBroker(string executable, string directory, int port, int? tlsPort)
    {
        _executable = executable;
        Directory = directory;
        Port = port;
        TlsPort = tlsPort;
        _configFile = Path.Combine(directory, "mosquitto.conf");
    }

    /// <summary>The config directory (config, password file, ACL).</summary>
    public string Directory { get; }

    /// <summary>The plain listener on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The mutual-TLS listener on 127.0.0.1, when asked for.</summary>
    public int? TlsPort { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Everything mosquitto logged (log_type all), across restarts; for failure messages.</summary>
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

    /// <summary>Waits until mosquitto has logged <paramref name="text"/> (its log arrives a moment after the event).</summary>
    public Task WaitForLogAsync(string text, TimeSpan? timeout = null) =>
        Poll.UntilAsync(() => Log.Contains(text, StringComparison.Ordinal), timeout ?? TimeSpan.FromSeconds(5), () => $"mosquitto to log '{text}':{Environment.NewLine}{Log}");

    /// <summary>Writes the config and starts mosquitto; skips the test when mosquitto is not installed.</summary>
    public static async Task<MosquittoBroker> StartAsync(MosquittoBrokerOptions? options = null)
    {
        options ??= new MosquittoBrokerOptions();
        string executable = PeerRequirements.RequireMosquitto();
        string directory = System.IO.Directory.CreateTempSubdirectory("egw-mosquitto-").FullName;
        var broker = new MosquittoBroker(executable, directory, FreeTcpPort.Next(), options.Tls is null ? null : FreeTcpPort.Next());
        try
        {
            await broker.WriteConfigAsync(options);
            await broker.StartAsync();
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts (again) on the same ports and waits until it listens.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("mosquitto is already running");
        }

        _process?.Dispose();
        var startInfo = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(_configFile);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = startInfo };
        int listenersToOpen = TlsPort is null ? 1 : 2;
        int listenersOpened = 0;
        void OnLine(object sender, DataReceivedEventArgs line)
        {
            if (line.Data is null)
            {
                return;
            }

            Append(line.Data);
            // "Opening ipv4 listen socket on port N." per listener, then "mosquitto version X running".
            if (line.Data.Contains("Opening ipv4 listen socket", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref listenersOpened);
            }
            else if (line.Data.Contains(" running", StringComparison.Ordinal) && Volatile.Read(ref listenersOpened) >= listenersToOpen)
            {
                running.TrySetResult();
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => running.TrySetException(new InvalidOperationException($"mosquitto exited before it was running:{Environment.NewLine}{Log}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        try
        {
            await running.Task.WaitAsync(StartupLimit);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"mosquitto was not running within {StartupLimit.TotalSeconds} s:{Environment.NewLine}{Log}");
        }
    }

    /// <summary>Ends mosquitto with SIGTERM, as systemd would, and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
        {
            if (kill is not null)
            {
                await kill.WaitForExitAsync();
            }
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Freezes mosquitto (SIGSTOP): its connections stay open but nothing is answered, as a hung broker.</summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    /// <summary>Lets a paused mosquitto go on (SIGCONT).</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    /// <summary>Kills mosquitto (if running) and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }

                await process.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // Never started, or already reaped.
            }

            process.Dispose();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    public override string ToString() => $"mosquitto on 127.0.0.1:{Port}" + (TlsPort is null ? string.Empty : $" (TLS {TlsPort})");

    private async Task SignalAsync(string signal)
    {
        if (_process is not { HasExited: false } process)
        {
            throw new InvalidOperationException("mosquitto is not running");
        }

        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { signal, process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false });
        if (kill is not null)
        {
            await kill.WaitForExitAsync();
        }
    }

    private async Task WriteConfigAsync(MosquittoBrokerOptions options)
    {
        var config = new StringBuilder()
            .AppendLine("per_listener_settings false")
            .AppendLine(options.Persistence ? "persistence true" : "persistence false")
            .AppendLine("log_dest stderr")   // stdout is block-buffered into a pipe; stderr is not
            .AppendLine("log_type all")
            .AppendLine("connection_messages true");

        // Run as root, mosquitto drops to user 'mosquitto', which cannot read this 0700 temp directory.
        if (Environment.IsPrivilegedProcess)
        {
            config.AppendLine("user root");
        }

        if (options.Persistence)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"persistence_location {Directory}/");
        }

        config.AppendLine(CultureInfo.InvariantCulture, $"listener {Port} 127.0.0.1");
        if (options.Tls is { } pki)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"listener {TlsPort} 127.0.0.1")
                .AppendLine("cafile " + pki.CaFile)
                .AppendLine("certfile " + pki.ServerCertificateFile)
                .AppendLine("keyfile " + pki.ServerKeyFile)
                .AppendLine("require_certificate true");
        }

        if (options.Users.Count > 0)
        {
            string passwordFile = Path.Combine(Directory, "passwd");
            bool first = true;
            foreach ((string user, string password) in options.Users)
            {
                // -c creates the file for the first user only; later ones are added to it.
                await RunPasswdAsync(first ? ["-b", "-c", passwordFile, user, password] : ["-b", passwordFile, user, password]);
                first = false;
            }

            config.AppendLine("allow_anonymous false").AppendLine("password_file " + passwordFile);
        }
        else
        {
            config.AppendLine("allow_anonymous true");
        }

        if (options.Acl is not null)
        {
            string aclFile = Path.Combine(Directory, "acl");
            await File.WriteAllTextAsync(aclFile, options.Acl);
            config.AppendLine("acl_file " + aclFile);
        }
        else if (options.DeniedTopics.Count > 0)
        {
            // Top-of-file rules apply to anonymous clients, 'pattern' rules to everyone; deny wins over readwrite.
            var acl = new StringBuilder().AppendLine("topic readwrite #");
            foreach (string topic in options.DeniedTopics)
            {
                acl.AppendLine("topic deny " + topic);
            }

            acl.AppendLine("pattern readwrite #");
            foreach (string topic in options.DeniedTopics)
            {
                acl.AppendLine("pattern deny " + topic);
            }

            string aclFile = Path.Combine(Directory, "acl");
            await File.WriteAllTextAsync(aclFile, acl.ToString());
            config.AppendLine("acl_file " + aclFile);
        }

        foreach (string line in options.ExtraConfiguration)
        {
            config.AppendLine(line);
        }

        await File.WriteAllTextAsync(_configFile, config.ToString());
    }

    private static async Task RunPasswdAsync(string[] arguments)
    {
        string passwd = PeerRequirements.FindExecutable("mosquitto_passwd")
            ?? throw new InvalidOperationException("mosquitto_passwd is missing: apt-get install mosquitto");
        var startInfo = new ProcessStartInfo(passwd) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(startInfo) ?? throw new InvalidOperationException("mosquitto_passwd did not start");
        Task<string> error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_passwd {string.Join(' ', arguments)} failed: {await error}");
        }
    }

    private void Append(string line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
