namespace EdgeGateway.Modbus.Slave;

/// <summary>How a slave server reads its line.</summary>
public sealed record ModbusSlaveServerOptions
{
    /// <summary>The silence that ends a frame (t3.5 on a serial line); partial frames older than this are dropped.</summary>
    public TimeSpan FrameSilence { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>How long one blocking read waits before the loop looks at its cancellation token.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Faults to inject; none by default.</summary>
    public IModbusSlaveFaultPolicy? Faults { get; init; }

    /// <summary>
    /// On Modbus TCP, how to answer a unit id that is not served: a gateway answers exception 0B, a plain device
    /// answers for any unit id. True makes every unit id reach the first device.
    /// </summary>
    public bool AnswerAnyUnitOnTcp { get; init; }
}
