namespace EdgeGateway.Modbus.Slave;

/// <summary>What a slave server has seen; read by tests and the simulator's status.</summary>
public sealed class ModbusSlaveStatistics
{
    private long _requests;
    private long _answered;
    private long _ignored;
    private long _badFrames;
    private long _faultsInjected;

    public long Requests => Interlocked.Read(ref _requests);

    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>Requests for other units, or broadcasts, which get no answer.</summary>
    public long Ignored => Interlocked.Read(ref _ignored);

    /// <summary>Frames dropped for a bad CRC or because they were cut short.</summary>
    public long BadFrames => Interlocked.Read(ref _badFrames);

    public long FaultsInjected => Interlocked.Read(ref _faultsInjected);

    internal void AddRequest() => Interlocked.Increment(ref _requests);

    internal void AddAnswered() => Interlocked.Increment(ref _answered);

    internal void AddIgnored() => Interlocked.Increment(ref _ignored);

    internal void AddBadFrame() => Interlocked.Increment(ref _badFrames);

    internal void AddFault() => Interlocked.Increment(ref _faultsInjected);
}
