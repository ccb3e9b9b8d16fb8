using System.Reflection;
using System.Runtime.InteropServices;
using EdgeGateway.Demo;

var version = typeof(DemoRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

if (args.Contains("--version"))
{
    Console.WriteLine($"edge-gateway {version}");
    return 0;
}

if (args.Contains("--help") || args.Contains("-h") || args.Length == 0)
{
    Console.WriteLine($"""
        edge-gateway {version} — pollution-source monitoring gateway (Modbus field bus → HJ 212 / MQTT platform)

        usage: edge-gateway --demo      simulated analyzers on loopback, polled and printed (Ctrl+C stops)
               edge-gateway --version
               edge-gateway --help

        The service host (configuration, storage, MQTT uplink, systemd) is not built yet; see README.md.
        """);
    return args.Length == 0 ? 2 : 0;
}

if (args.Length == 1 && args[0] == "--demo")
{
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };
    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
    {
        context.Cancel = true;
        stop.Cancel();
    });
    return DemoRunner.Run(Console.Out, Console.Error, stop.Token);
}

Console.Error.WriteLine($"edge-gateway: unknown arguments '{string.Join(' ', args)}'; try --help");
return 2;
