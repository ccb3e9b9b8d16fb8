using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.FieldBus.Polling;

/// <summary>
/// How one device is doing: failures by kind, the last answer, whether it is degraded (in an outage), whether its
/// port is lost. Written by the bus thread, read by status and metrics from any thread.
/// </summary>
/// <remarks>
/// A run of failed cycles is counted from its first one (<see cref="OutageStart"/>): the polls that yielded no value,
/// the readings flagged B, the ones that actually asked the device. The counts stay after the device answers again,
/// until its next failed cycle starts a new run, so the bus can report them when the device comes back.
/// </remarks>
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
    private int _portLost;
    private string? _lastError;
    private int _lastErrorKind;
    private long _outageStartUtcTicks;
    private long _outageFailedPolls;
    private long _outageFlaggedReadings;
    private long _outageProbes;
    private int _outagePortLost;

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

    /// <summary>
    /// True while the device is in an outage (<see cref="DevicePollSettings.DegradeAfterFailedCycles"/> cycles in a row
    /// without an answer): its polls yield B readings and it is asked only every <see cref="DevicePollSettings.ProbeInterval"/>.
    /// </summary>
    public bool IsDegraded => Volatile.Read(ref _degraded) != 0;

    /// <summary>True while the port of the device's bus is lost (unplugged adapter, refused or dropped connection).</summary>
    public bool IsPortLost => Volatile.Read(ref _portLost) != 0;

    /// <summary>The kind of the last failure; <see cref="ModbusErrorKind.None"/> before the first.</summary>
    public ModbusErrorKind LastErrorKind => (ModbusErrorKind)Volatile.Read(ref _lastErrorKind);

    /// <summary>When the current run of failed cycles started (its first failed poll); null while the device answers.</summary>
    public DateTimeOffset? OutageStart => ConsecutiveFailedCycles > 0 ? OutageStartOfLastRun : null;

    /// <summary>When the last run of failed cycles started, even if the device answers again since.</summary>
    internal DateTimeOffset OutageStartOfLastRun => new(Interlocked.Read(ref _outageStartUtcTicks), TimeSpan.Zero);

    /// <summary>Polls without a value in the current (or last) run of failed cycles.</summary>
    public long OutageFailedPolls => Interlocked.Read(ref _outageFailedPolls);

    /// <summary>Readings flagged B in the current (or last) run of failed cycles.</summary>
    public long OutageFlaggedReadings => Interlocked.Read(ref _outageFlaggedReadings);

    /// <summary>Of <see cref="OutageFailedPolls"/>, those that asked the device (or tried to reopen the port).</summary>
    public long OutageProbes => Interlocked.Read(ref _outageProbes);

    /// <summary>Whether the last failed poll of the current (or last) run of failed cycles failed for a lost port.</summary>
    public bool OutageIsPortLost => Volatile.Read(ref _outagePortLost) != 0;

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
        Volatile.Write(ref _lastErrorKind, (int)result.Error);
    }

    internal void SetPortLost(bool lost) => Volatile.Write(ref _portLost, lost ? 1 : 0);

    /// <summary>Closes a cycle; returns true when this cycle changed the degraded state.</summary>
    /// <param name="answered">Whether the device answered anything.</param>
    /// <param name="degradeAfter">Failed cycles in a row that make an outage.</param>
    /// <param name="at">When the cycle started.</param>
    /// <param name="flaggedReadings">Readings of this cycle without a value (flag B).</param>
    /// <param name="askedDevice">Whether the cycle went to the bus (false: the outage's B readings between probes).</param>
    /// <param name="error">The cycle's failure; <see cref="ModbusErrorKind.Transport"/>: the port is lost.</param>
    internal bool RecordCycle(bool answered, int degradeAfter, DateTimeOffset at, int flaggedReadings, bool askedDevice, ModbusErrorKind error)
    {
        Interlocked.Increment(ref _cycles);
        if (answered)
        {
            Volatile.Write(ref _consecutiveFailedCycles, 0);
            return Interlocked.Exchange(ref _degraded, 0) != 0;
        }

        Interlocked.Increment(ref _failedCycles);
        if (Volatile.Read(ref _consecutiveFailedCycles) == 0)
        {
            // The first failed cycle of a run: a new outage, perhaps.
            Interlocked.Exchange(ref _outageStartUtcTicks, at.UtcTicks);
            Interlocked.Exchange(ref _outageFailedPolls, 0);
            Interlocked.Exchange(ref _outageFlaggedReadings, 0);
            Interlocked.Exchange(ref _outageProbes, 0);
        }

        Interlocked.Increment(ref _outageFailedPolls);
        Volatile.Write(ref _outagePortLost, error == ModbusErrorKind.Transport ? 1 : 0);
        Interlocked.Add(ref _outageFlaggedReadings, flaggedReadings);
        if (askedDevice)
        {
            Interlocked.Increment(ref _outageProbes);
        }

        var failed = Interlocked.Increment(ref _consecutiveFailedCycles);
        return failed >= degradeAfter && Interlocked.Exchange(ref _degraded, 1) == 0;
    }
}
