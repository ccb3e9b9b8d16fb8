using System.Net.Sockets;
using System.Reflection;
using EdgeGateway.WebConsole;

var version = typeof(ConsoleHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
if (!ConsoleCommandLine.TryParse(args, out var command, out var usageError))
{
    Console.Error.WriteLine($"edge-gateway-console: {usageError}; try --help");
    return ConsoleExitCodes.Usage;
}

switch (command.Mode)
{
    case ConsoleMode.Help:
        Console.WriteLine(ConsoleCommandLine.Help(version));
        return ConsoleExitCodes.Ok;
    case ConsoleMode.Version:
        Console.WriteLine($"edge-gateway-console {version}");
        return ConsoleExitCodes.Ok;
}

var configuration = ConsoleConfigReader.Read(command.ConfigFile, out var problems);
if (configuration is null)
{
    Console.Error.WriteLine($"edge-gateway-console: the configuration has {problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}:");
    foreach (var problem in problems)
    {
        Console.Error.WriteLine($"  {problem}");
    }

    Console.Error.WriteLine("edge-gateway-console: not started: fix the configuration (edge-gateway --check-config checks the console section too)");
    return ConsoleExitCodes.BadConfig;
}

try
{
    using var app = ConsoleHost.Build(configuration);
    app.Start();
    var scheme = configuration.Settings.Tls is null ? "http" : "https";
    Console.WriteLine($"edge-gateway-console {version}: {scheme}://{configuration.Settings.Listen}/ (gateway socket {configuration.ControlSocket}, config {configuration.ConfigFile})");
    app.WaitForShutdown();
    return ConsoleExitCodes.Ok;
}
catch (Exception exception) when (exception is IOException or SocketException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
{
    // Address in use, a certificate that does not parse or does not match its key: one line, no stack trace.
    Console.Error.WriteLine($"edge-gateway-console: cannot run on {configuration.Settings.Listen}: {exception.Message}");
    return ConsoleExitCodes.Failed;
}
