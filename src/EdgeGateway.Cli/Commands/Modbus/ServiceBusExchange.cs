using System.Text.Json;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Primitives.Commands;

namespace EdgeGateway.Cli.Commands.Modbus;

/// <summary>
/// A Modbus exchange through the running service: each request PDU goes over the control socket (the <c>modbus</c>
/// command) into the bus's queue, and the service's answer comes back as a <see cref="ModbusResult"/> and answer PDU,
/// as a direct call would give them. The bus's configured line settings apply, not the command line's.
/// </summary>
internal sealed class ServiceBusExchange : IModbusExchange, IDisposable
{
    private readonly ControlClient _client;
    private readonly ModbusCallOptions _defaults;

    private ServiceBusExchange(ControlClient client, string bus, ModbusCallOptions defaults)
    {
        _client = client;
        Bus = bus;
        _defaults = defaults;
    }

    /// <summary>The name of the bus in the service's configuration.</summary>
    public string Bus { get; }

    /// <summary>
    /// Connects to the service at <paramref name="socketPath"/> and asks which of its buses is on
    /// <paramref name="port"/>. Null when no service answers there or it serves no such port: the caller opens the
    /// port itself. A socket this user may not open is an error, not a reason to open the port behind the service's back.
    /// </summary>
    public static ServiceBusExchange? TryConnect(string socketPath, ModbusEndpoint port, ModbusCallOptions defaults, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(console);
        ControlClient client;
        try
        {
            client = ControlClient.Connect(socketPath);
        }
        catch (ControlUnavailableException exception) when (exception.PermissionDenied)
        {
            throw new CommandException(ExitCodes.Unavailable, $"{exception.Message}; or give --direct to open the port without the service", "unavailable");
        }
        catch (ControlUnavailableException)
        {
            return null;
        }

        var handedOver = false;
        try
        {
            var lookUp = Args(new ModbusTunnelRequest(Port: port.ToString()));
            var response = client.Send("modbus", lookUp);
            if (response.Ok && response.Result is { } found && found.Deserialize(ModbusTunnelJsonContext.Default.ModbusTunnelResult) is { } result)
            {
                handedOver = true;
                return new ServiceBusExchange(client, result.Bus, defaults);
            }

            switch (response.Error?.Code)
            {
                case CommandErrorCodes.NotFound:
                    return null;
                case CommandErrorCodes.UnknownCommand:
                    // A gateway from before the bus queue: it cannot carry the request, and egw opens the port as it always did.
                    console.Error.WriteLine("egw: the running gateway cannot carry Modbus requests (it is older than this egw); opening the port directly");
                    return null;
                default:
                    throw new CommandException(ExitCodes.Failed, ControlClient.Describe(response.Error), response.Error?.Code ?? "failed");
            }
        }
        catch (ControlUnavailableException)
        {
            // The service went away while we asked: as if it had not been running.
            return null;
        }
        finally
        {
            if (!handedOver)
            {
                client.Dispose();
            }
        }
    }

    public ModbusResult Execute(byte unitId, ReadOnlySpan<byte> requestPdu, Span<byte> responsePdu, out int responseLength, ModbusCallOptions? call = null)
    {
        responseLength = 0;
        var options = call ?? _defaults;
        if (options.Timeout > TimeSpan.FromMilliseconds(ModbusTunnelRequest.MaxTimeoutMs))
        {
            throw new CommandException(ExitCodes.Usage, $"through the running gateway --timeout is at most {ModbusTunnelRequest.MaxTimeoutMs / 1000}s (a request holds up the bus's polling); give --direct to open the port yourself", "usage");
        }

        var args = Args(new ModbusTunnelRequest(Bus: Bus, Unit: unitId, Pdu: Convert.ToHexStringLower(requestPdu), TimeoutMs: (int)Math.Ceiling(options.Timeout.TotalMilliseconds), Retries: options.Retries));
        ControlResponse response;
        try
        {
            response = _client.Send("modbus", args, ReplyTimeout(options));
        }
        catch (ControlUnavailableException exception)
        {
            throw new CommandException(ExitCodes.Unavailable, exception.Message, "unavailable");
        }

        if (!response.Ok || response.Result is not { } found || found.Deserialize(ModbusTunnelJsonContext.Default.ModbusTunnelResult) is not { } result)
        {
            var code = response.Error?.Code ?? CommandErrorCodes.Failed;
            var exitCode = code switch
            {
                CommandErrorCodes.InvalidArgument => ExitCodes.Usage,
                CommandErrorCodes.Busy => ExitCodes.Unavailable,
                _ => ExitCodes.Failed,
            };
            throw new CommandException(exitCode, ControlClient.Describe(response.Error), code);
        }

        var attempts = result.Attempts ?? 1;
        if (result.Error is null)
        {
            var answer = Convert.FromHexString(result.Pdu ?? string.Empty);
            answer.CopyTo(responsePdu);
            responseLength = answer.Length;
            return ModbusResult.Success(unitId, attempts);
        }

        var kind = Enum.TryParse<ModbusErrorKind>(result.Error, ignoreCase: true, out var parsed) && parsed != ModbusErrorKind.None ? parsed : ModbusErrorKind.Transport;
        return ModbusResult.Failure(kind, unitId, result.Detail ?? result.Error, (ModbusExceptionCode)(result.ExceptionCode ?? 0), attempts);
    }

    public void Dispose() => _client.Dispose();

    private static JsonElement Args(ModbusTunnelRequest request) =>
        JsonSerializer.SerializeToElement(request, ModbusTunnelJsonContext.Default.ModbusTunnelRequest);

    // The service answers after the request's turn in the bus queue (behind a device cycle and other requests) and
    // all its attempts: wait for that, with room to spare, rather than give up while the request is still on the line.
    private static TimeSpan ReplyTimeout(ModbusCallOptions options) => (options.Timeout * (options.Retries + 1) * 2) + TimeSpan.FromSeconds(30);
}
