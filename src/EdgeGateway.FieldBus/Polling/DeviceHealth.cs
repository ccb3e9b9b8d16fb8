using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Primitives.Counting;

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
    private readonly CounterSet<DeviceCounter> _counters = new();
    private long _lastAnswerUnixMs = -1;
    private int _consecutiveFailedCycles;
    private int _degraded;
    private int _portLost;
    private string? _lastError;
    private int _lastErrorKind;
    private long _outageStartUtcTicks;
    private int _outagePortLost;

    public DeviceHealth(string deviceName) => DeviceName = deviceName;

    public string DeviceName { get; }

    public long Transactions => _counters[DeviceCounter.Transactions];

    public long Timeouts => _counters[DeviceCounter.Timeouts];

    public long CrcErrors => _counters[DeviceCounter.CrcErrors];

    public long Exceptions => _counters[DeviceCounter.Exceptions];

    public long Mismatches => _counters[DeviceCounter.Mismatches];

    public long TransportErrors => _counters[DeviceCounter.TransportErrors];

    public long Cycles => _counters[DeviceCounter.Cycles];

    /// <summary>Cycles in which the device answered no request at all.</summary>
    public long FailedCycles => _counters[DeviceCounter.FailedCycles];

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
    public long OutageFailedPolls => _counters[DeviceCounter.OutageFailedPolls];

    /// <summary>Readings flagged B in the current (or last) run of failed cycles.</summary>
    public long OutageFlaggedReadings => _counters[DeviceCounter.OutageFlaggedReadings];

    /// <summary>Of <see cref="OutageFailedPolls"/>, those that asked the device (or tried to reopen the port).</summary>
    public long OutageProbes => _counters[DeviceCounter.OutageProbes];

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
        _counters.Increment(DeviceCounter.Transactions);
        switch (result.Error)
        {
            case ModbusErrorKind.None:
                Interlocked.Exchange(ref _lastAnswerUnixMs, now.ToUnixTimeMilliseconds());
                return;
            case ModbusErrorKind.Timeout:
                _counters.Increment(DeviceCounter.Timeouts);
                break;
            case ModbusErrorKind.Crc:
                _counters.Increment(DeviceCounter.CrcErrors);
                break;
            case ModbusErrorKind.Exception:
                _counters.Increment(DeviceCounter.Exceptions);
                if (!result.IsAbsentBehindGateway)
                {
                    Interlocked.Exchange(ref _lastAnswerUnixMs, now.ToUnixTimeMilliseconds());
                }

                break;
            case ModbusErrorKind.Mismatch:
                _counters.Increment(DeviceCounter.Mismatches);
                break;
            case ModbusErrorKind.Transport:
                _counters.Increment(DeviceCounter.TransportErrors);
                break;
        }

        Volatile.Write(ref _lastError, result.Detail);
        Volatile.Write(ref _lastErrorKind, (int)result.Error);
    }

    internal void SetPortLost(bool lost) => Volatile.Write(ref _portLost, lost ? 1 : 0);

    /// <summary>
    /// The port of the device's bus failed while another device's poll used it (or reopened it): this device cannot be
    /// asked either, so the failure is its transport error and last error too. Without it, a second device on a lost
    /// TCP port showed 0 transport errors and no error at all.
    /// </summary>
    internal void RecordPortFailure(string detail)
    {
        _counters.Increment(DeviceCounter.TransportErrors);
        Volatile.Write(ref _lastError, detail);
        Volatile.Write(ref _lastErrorKind, (int)ModbusErrorKind.Transport);
    }

    /// <summary>Closes a cycle; returns true when this cycle changed the degraded state.</summary>
    /// <param name="answered">Whether the device answered anything.</param>
    /// <param name="degradeAfter">Failed cycles in a row that make an outage.</param>
    /// <param name="at">When the cycle started.</param>
    /// <param name="flaggedReadings">Readings of this cycle without a value (flag B).</param>
    /// <param name="askedDevice">Whether the cycle went to the bus (false: the outage's B readings between probes).</param>
    /// <param name="error">The cycle's failure; <see cref="ModbusErrorKind.Transport"/>: the port is lost.</param>
    internal bool RecordCycle(bool answered, int degradeAfter, DateTimeOffset at, int flaggedReadings, bool askedDevice, ModbusErrorKind error)
    {
        _counters.Increment(DeviceCounter.Cycles);
        if (answered)
        {
            Volatile.Write(ref _consecutiveFailedCycles, 0);
            return Interlocked.Exchange(ref _degraded, 0) != 0;
        }

        _counters.Increment(DeviceCounter.FailedCycles);
        if (Volatile.Read(ref _consecutiveFailedCycles) == 0)
        {
            // The first failed cycle of a run: a new outage, perhaps.
            Interlocked.Exchange(ref _outageStartUtcTicks, at.UtcTicks);
            _counters.Reset(DeviceCounter.OutageFailedPolls);
            _counters.Reset(DeviceCounter.OutageFlaggedReadings);
            _counters.Reset(DeviceCounter.OutageProbes);
        }

        _counters.Increment(DeviceCounter.OutageFailedPolls);
        Volatile.Write(ref _outagePortLost, error == ModbusErrorKind.Transport ? 1 : 0);
        _counters.Add(DeviceCounter.OutageFlaggedReadings, flaggedReadings);
        if (askedDevice)
        {
            _counters.Increment(DeviceCounter.OutageProbes);
        }

        var failed = Interlocked.Increment(ref _consecutiveFailedCycles);
        return failed >= degradeAfter && Interlocked.Exchange(ref _degraded, 1) == 0;
    }
}
