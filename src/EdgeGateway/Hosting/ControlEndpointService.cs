using System.Text.Json;
using EdgeGateway.Control;
using EdgeGateway.Control.Calibration;
using EdgeGateway.Control.Contract;
using EdgeGateway.Control.Trend;
using EdgeGateway.Hosting.Health;
using EdgeGateway.Pipeline.Alarms;
using EdgeGateway.Platforms;
using EdgeGateway.Primitives.Commands;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hosting;

/// <summary>
/// The technician CLI's endpoint: the control protocol on <c>control.socket</c> (mode 0660, so the service's group may
/// connect). Its failure to start is not fatal: the gateway's job is the data, and the log says why egw cannot connect.
/// </summary>
internal sealed partial class ControlEndpointService(GatewayRuntime runtime, GatewayHealthProbe health, ILogger<ControlEndpointService> logger) : IHostedService
{
    private readonly TechnicianCommands _technician = new(runtime, TimeProvider.System);
    private readonly CalibrateCommandHandler _calibrate = new(runtime.Calibrator);
    private readonly ModbusTunnel _tunnel = new([.. runtime.Settings.Buses.Zip(runtime.Buses, (bus, poller) => new TunnelledBus(bus.Name, bus.Endpoint, poller))], runtime.Audit, TimeProvider.System);
    private readonly PlatformsCommand _platforms = new(runtime.Settings.Platforms, runtime.PlatformLinks, destination => runtime.Outbox.GetBacklog(destination));
    private readonly TrendCommandHandler _trend = new(runtime.Settings.Channels, new OutboxTrendSource(runtime.Outbox), TimeProvider.System);
    private ControlServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _server = ControlServer.Start(runtime.Settings.ControlSocket, HandleAsync, logger: logger);
            LogListening(logger, runtime.Settings.ControlSocket);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            LogCannotListen(logger, runtime.Settings.ControlSocket, exception.Message);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private ValueTask<ControlResponse> HandleAsync(ControlRequest request, ControlCaller caller, CancellationToken cancellationToken) => request.Command switch
    {
        "ping" => ValueTask.FromResult(ControlResponse.Success(request.Id, JsonSerializer.SerializeToElement(runtime.Settings.GatewayId, HealthJsonContext.Default.String))),
        "status" => ValueTask.FromResult(ControlResponse.Success(request.Id, JsonSerializer.SerializeToElement(Status(), HealthJsonContext.Default.GatewayStatus))),
        "maintenance" => ValueTask.FromResult(_technician.Maintenance(request, caller)),
        "audit" => ValueTask.FromResult(_technician.Audit(request)),
        "alarms" => ValueTask.FromResult(ControlResponse.Success(request.Id, JsonSerializer.SerializeToElement([.. runtime.Alarms.Active], AlarmJsonContext.Default.ListActiveAlarm))),
        "calibrate" => ValueTask.FromResult(_calibrate.Handle(request, caller)),
        "latest" => ValueTask.FromResult(_technician.Latest(request)),
        "outbox" => ValueTask.FromResult(_technician.Outbox(request)),
        "resend" => ValueTask.FromResult(_technician.Resend(request, caller, cancellationToken)),
        "modbus" => _tunnel.HandleAsync(request, caller, cancellationToken),
        "analyzer" => runtime.Analyzer.HandleAsync(request, caller, cancellationToken),
        "platforms" => ValueTask.FromResult(_platforms.Handle(request)),
        "trend" => ValueTask.FromResult(_trend.Handle(request)),
        "windows" => ValueTask.FromResult(_technician.Windows(request)),
        _ => ValueTask.FromResult(ControlResponse.Failure(request.Id, CommandErrorCodes.UnknownCommand, $"unknown command '{request.Command}'; this gateway knows: ping, status, latest, outbox, resend, maintenance, calibrate, analyzer, alarms, audit, modbus, platforms, trend, windows")),
    };

    private GatewayStatus Status() => new(
        runtime.Settings.GatewayId,
        runtime.Settings.SiteName,
        runtime.Settings.Link.SoftwareVersion,
        runtime.StartedAt,
        runtime.Settings.ConfigFile,
        health.Collect());

    [LoggerMessage(Level = LogLevel.Information, Message = "Control socket {Path}: egw connects here")]
    private static partial void LogListening(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Control socket {Path} could not be opened ({Reason}); the gateway runs on, but egw cannot reach it")]
    private static partial void LogCannotListen(ILogger logger, string path, string reason);
}
