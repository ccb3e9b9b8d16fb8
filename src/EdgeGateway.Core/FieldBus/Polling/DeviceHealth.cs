using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Core.FieldBus.Polling;

/// <summary>
/// How one device is doing: failures by kind, the last answer, whether it is degraded. Written by the bus thread,
/// read by status and metrics from any thread.
/// </summary>
public sealed class DeviceHealth
{
    private long _transactions;
    private long _timeouts;
    private long _crcErrors;
    private long _exceptions;
    private long _mismatches;
    private long _transportErrors;
    private long _cycles;
    private long _failedCycles;
    private long _lastAnswerUnixMs = -1;
    private int _consecutiveFailedCycles;
    private int _degraded;
    private string? _lastError;

    public DeviceHealth(string deviceName) => DeviceName = deviceName;

    public string DeviceName { get; }

    public long Transactions => Interlocked.Read(ref _transactions);

    public long Timeouts => Interlocked.Read(ref _timeouts);

    public long CrcErrors => Interlocked.Read(ref _crcErrors);

    public long Exceptions => Interlocked.Read(ref _exceptions);

    public long Mismatches => Interlocked.Read(ref _mismatches);

    public long TransportErrors => Interlocked.Read(ref _transportErrors);

    public long Cycles => Interlocked.Read(ref _cycles);

    /// <summary>Cycles in which the device answered no request at all.</summary>
    public long FailedCycles => Interlocked.Read(ref _failedCycles);

    public int ConsecutiveFailedCycles => Volatile.Read(ref _consecutiveFailedCycles);

    /// <summary>True while the device is polled only at the degraded interval.</summary>
    public bool IsDegraded => Volatile.Read(ref _degraded) != 0;

    /// <summary>When the device last answered anything (data or exception); null if never.</summary>
    public DateTimeOffset? LastAnswer
    {
        get
        {
            var ms = Interlocked.Read(ref _lastAnswerUnixMs);
            return ms < 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }
    }

    /// <summary>The last failure's one-line description, e.g. <c>timeout: no answer from slave 3 within 500 ms</c>.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>Failures of one kind.</summary>
    public long ErrorsOf(ModbusErrorKind kind) => kind switch
    {
        ModbusErrorKind.Timeout => Timeouts,
        ModbusErrorKind.Crc => CrcErrors,
        ModbusErrorKind.Exception => Exceptions,
        ModbusErrorKind.Mismatch => Mismatches,
        ModbusErrorKind.Transport => TransportErrors,
        _ => 0,
    };

    internal void RecordTransaction(in ModbusResult result, DateTimeOffset now)
    {
        Interlocked.Increment(ref _transactions);
        switch (result.Error)
        {
            case ModbusErrorKind.None:
                Interlocked.Exchange(ref _lastAnswerUnixMs, now.ToUnixTimeMilliseconds());
                return;
            case ModbusErrorKind.Timeout:
                Interlocked.Increment(ref _timeouts);
                break;
            case ModbusErrorKind.Crc:
                Interlocked.Increment(ref _crcErrors);
                break;
            case ModbusErrorKind.Exception:
                Interlocked.Increment(ref _exceptions);
                Interlocked.Exchange(ref _lastAnswerUnixMs, now.ToUnixTimeMilliseconds());
                break;
            case ModbusErrorKind.Mismatch:
                Interlocked.Increment(ref _mismatches);
                break;
            case ModbusErrorKind.Transport:
                Interlocked.Increment(ref _transportErrors);
                break;
        }

        Volatile.Write(ref _lastError, result.Detail);
    }

    /// <summary>Closes a cycle; returns true when this cycle changed the degraded state.</summary>
    internal bool RecordCycle(bool answered, int degradeAfter)
    {
        Interlocked.Increment(ref _cycles);
        if (answered)
        {
            Volatile.Write(ref _consecutiveFailedCycles, 0);
            return Interlocked.Exchange(ref _degraded, 0) != 0;
        }

        Interlocked.Increment(ref _failedCycles);
        var failed = Interlocked.Increment(ref _consecutiveFailedCycles);
        return failed >= degradeAfter && Interlocked.Exchange(ref _degraded, 1) == 0;
    }
}
