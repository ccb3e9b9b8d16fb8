using System.Reflection;
using EdgeGateway;
using EdgeGateway.Configuration;
using EdgeGateway.Demo;
using EdgeGateway.Hosting;

var version = typeof(GatewayHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
if (!GatewayCommandLine.TryParse(args, out var command, out var usageError))
{
    Console.Error.WriteLine($"edge-gateway: {usageError}; try --help");
    return ExitCodes.Usage;
}

switch (command.Mode)
{
    case GatewayMode.Version:
        Console.WriteLine($"edge-gateway {version}");
        return ExitCodes.Ok;

    case GatewayMode.Help:
        Console.WriteLine(GatewayCommandLine.Help(version));
        return ExitCodes.Ok;

    case GatewayMode.Demo:
        return DemoRunner.Run(command.Broker, command.Hj212, version, Console.Out, Console.Error);

    case GatewayMode.CheckConfig:
        return ConfigCheck.Run(command.ConfigFile, version, command.Json, Console.Out, Console.Error);

    default:
        var settings = GatewayConfigLoader.Load(command.ConfigFile, version, out var errors);
        if (settings is null)
        {
            ConfigCheck.PrintErrors(errors, Console.Error);
            Console.Error.WriteLine("edge-gateway: not started: fix the configuration (edge-gateway --check-config lists the problems)");
            return ExitCodes.Failed;
        }

        // Before anything touches the data directory: a second instance would take the control socket and the outbox.
        if (!EdgeGateway.Storage.DataDirectoryLock.TryAcquire(settings.StateDirectory, $"storage.directory in {settings.ConfigFile}", out var dataDirectoryLock, out var lockError))
        {
            Console.Error.WriteLine($"edge-gateway: not started: {lockError}");
            return ExitCodes.Failed;
        }

        try
        {
            using var host = GatewayHost.Build(settings);
            var exit = (GatewayExit)host.Services.GetService(typeof(GatewayExit))!;
            host.Run();
            if (exit.Reason is not null)
            {
                Console.Error.WriteLine($"edge-gateway: stopped after a fatal error: {exit.Reason}");
            }

            return exit.Code;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Only start-up can get here (e.g. the state directory is not writable); name the cause and exit non-zero.
            Console.Error.WriteLine($"edge-gateway: cannot run: {exception.Message}");
            return ExitCodes.Failed;
        }
        finally
        {
            // Held to the very end: the host has stopped writing into the directory.
            dataDirectoryLock?.Dispose();
        }
}
