using System.Buffers.Binary;
using System.Text.Json;
using EdgeGateway.Control.Contract;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Primitives.Commands;

namespace EdgeGateway.Control;

/// <summary>
/// The <c>modbus</c> control command: one request PDU to a slave on a bus the service polls, carried by that bus's
/// queue (<see cref="BusPoller.SubmitAsync{T}"/>) between device cycles, so <c>egw modbus</c> can talk to an analyzer
/// while the service runs instead of fighting it for the port. Requests that change something on the slave are
/// written to the audit trail (who, from the kernel's peer credentials) before the result is returned.
/// </summary>
public sealed class ModbusTunnel
{
    private readonly IReadOnlyList<TunnelledBus> _buses;
    private readonly AuditTrail _audit;
    private readonly TimeProvider _time;

    public ModbusTunnel(IReadOnlyList<TunnelledBus> buses, AuditTrail audit, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(buses);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        _buses = buses;
        _audit = audit;
        _time = time;
    }

    public async ValueTask<ControlResponse> HandleAsync(ControlRequest request, ControlCaller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ModbusTunnelRequest? args;
        try
        {
            args = request.Args is { } given ? given.Deserialize(ModbusTunnelJsonContext.Default.ModbusTunnelRequest) : null;
        }
        catch (JsonException exception)
        {
            return Invalid(request, $"args are {{port | bus, unit, pdu, timeoutMs, retries}}: {exception.Message}");
        }

        if (args is null || (args.Port is null) == (args.Bus is null))
        {
            return Invalid(request, "give either port (as in the configuration, e.g. /dev/ttyUSB0 or tcp://10.0.0.5:502) or bus (its name)");
        }

        TunnelledBus? bus;
        if (args.Port is not null)
        {
            if (!ModbusEndpoint.TryParse(args.Port, out var endpoint, out var error))
            {
                return Invalid(request, error);
            }

            bus = _buses.FirstOrDefault(candidate => SamePort(candidate.Endpoint, endpoint));
        }
        else
        {
            bus = _buses.FirstOrDefault(candidate => candidate.Name == args.Bus);
        }

        if (bus is null)
        {
            var served = _buses.Count == 0 ? "none" : string.Join(", ", _buses.Select(candidate => $"{candidate.Name} on {candidate.Endpoint}"));
            return ControlResponse.Failure(request.Id, CommandErrorCodes.NotFound, $"this gateway serves no bus {(args.Port is not null ? "on " + args.Port : "named " + args.Bus)} (its buses: {served})");
        }

        if (args.Pdu is null)
        {
            // A look-up: egw asks which bus serves a port before it sends anything.
            return Success(request, new ModbusTunnelResult(bus.Name));
        }

        if (args.Unit is not { } unit || unit is < 1 or > 247)
        {
            return Invalid(request, args.Unit == 0
                ? "unit 0 is a broadcast: it would reach every device the gateway polls and no answer would come back; it is not sent through the service (stop it, or use egw modbus --direct)"
                : "unit is a slave id from 1 to 247");
        }

        byte[] pdu;
        try
        {
            pdu = Convert.FromHexString(args.Pdu);
        }
        catch (FormatException)
        {
            return Invalid(request, $"pdu '{args.Pdu}' is not hex (two digits per byte, e.g. 0300000002)");
        }

        if (ShapeError(pdu) is { } shape)
        {
            return Invalid(request, shape);
        }

        if (args.TimeoutMs is < 1 or > ModbusTunnelRequest.MaxTimeoutMs)
        {
            return Invalid(request, $"timeoutMs is 1 to {ModbusTunnelRequest.MaxTimeoutMs}");
        }

        if (args.Retries is < 0 or > ModbusTunnelRequest.MaxRetries)
        {
            return Invalid(request, $"retries is 0 to {ModbusTunnelRequest.MaxRetries}");
        }

        ModbusCallOptions? call = args.TimeoutMs is null && args.Retries is null
            ? null
            : new ModbusCallOptions(
                args.TimeoutMs is { } milliseconds ? TimeSpan.FromMilliseconds(milliseconds) : bus.Poller.MasterOptions.Timeout,
                args.Retries ?? bus.Poller.MasterOptions.Retries);
        var slave = (byte)unit;
        (ModbusResult Result, byte[] Answer) outcome;
        try
        {
            outcome = await bus.Poller.SubmitAsync(exchange => Exchange(exchange, slave, pdu, call), ct).ConfigureAwait(false);
        }
        catch (BusQueueFullException exception)
        {
            return ControlResponse.Failure(request.Id, CommandErrorCodes.Busy, exception.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ControlResponse.Failure(request.Id, CommandErrorCodes.Failed, $"bus {bus.Name} is not polling (the service is stopping); nothing was sent");
        }

        var (result, answer) = outcome;
        if (ModbusWriteDescription.TryDescribe(pdu, out var write))
        {
            var after = result.IsSuccess ? write.Values : $"{write.Values} (not confirmed: {result.Detail})";
            _audit.Append(new AuditEntry(_time.GetUtcNow(), caller.UserId, UserNames.Of(caller.UserId), "modbus-write", $"bus {bus.Name} slave {slave} {write.What}", null, null, after));
        }

        return Success(request, result.IsSuccess
            ? new ModbusTunnelResult(bus.Name, Convert.ToHexStringLower(answer), Attempts: result.Attempts)
            : new ModbusTunnelResult(
                bus.Name,
                Error: result.Error.ToString().ToLowerInvariant(),
                ExceptionCode: result.Error == ModbusErrorKind.Exception ? (int)result.ExceptionCode : null,
                Detail: result.Detail,
                Attempts: result.Attempts));
    }

    // On the bus thread.
    private static (ModbusResult Result, byte[] Answer) Exchange(IModbusExchange exchange, byte slave, byte[] pdu, ModbusCallOptions? call)
    {
        var answer = new byte[ModbusLimits.MaxPduLength];
        var result = exchange.Execute(slave, pdu, answer, out var length, call);
        return (result, answer[..length]);
    }

    /// <summary>
    /// The same port, however it was written: endpoints compare as <see cref="ModbusEndpoint"/> prints them, and a
    /// serial port also by the device its path leads to (/dev/serial/by-id/... and /dev/ttyUSB0 are one port).
    /// </summary>
    private static bool SamePort(ModbusEndpoint served, ModbusEndpoint asked)
    {
        if (served.ToString() == asked.ToString())
        {
            return true;
        }

        return served.Kind == ModbusEndpointKind.Serial && asked.Kind == ModbusEndpointKind.Serial && DeviceOf(served.Address) is { } device && device == DeviceOf(asked.Address);
    }

    private static string? DeviceOf(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The request must have the length its function code implies: the master checks the answer against the request,
    /// and a truncated request is refused here rather than put on a shared line.
    /// </summary>
    private static string? ShapeError(byte[] pdu)
    {
        if (pdu.Length is < 1 or > ModbusLimits.MaxPduLength)
        {
            return $"pdu is 1 to {ModbusLimits.MaxPduLength} bytes, function code first";
        }

        var function = pdu[0];
        if (function is 0 or >= 0x80)
        {
            return $"function code {function} is not a request (1 to 127)";
        }

        return function switch
        {
            >= 0x01 and <= 0x06 or 0x08 when pdu.Length != 5 => $"a function {function} request is 5 bytes (function, address or sub-function, quantity or value), not {pdu.Length}",
            0x0F or 0x10 when pdu.Length < 6 || pdu.Length != 6 + pdu[5] => $"a function {function} request is function, address, quantity, byte count and that many bytes",
            0x0F when pdu[5] != (BinaryPrimitives.ReadUInt16BigEndian(pdu.AsSpan(3)) + 7) / 8 => "the byte count of a function 15 request does not fit its quantity of coils",
            0x10 when pdu[5] != BinaryPrimitives.ReadUInt16BigEndian(pdu.AsSpan(3)) * 2 => "the byte count of a function 16 request does not fit its quantity of registers",
            _ => null,
        };
    }

    private static ControlResponse Success(ControlRequest request, ModbusTunnelResult result) =>
        ControlResponse.Success(request.Id, JsonSerializer.SerializeToElement(result, ModbusTunnelJsonContext.Default.ModbusTunnelResult));

    private static ControlResponse Invalid(ControlRequest request, string message) =>
        ControlResponse.Failure(request.Id, CommandErrorCodes.InvalidArgument, message);
}
