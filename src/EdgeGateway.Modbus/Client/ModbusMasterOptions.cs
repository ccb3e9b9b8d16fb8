namespace EdgeGateway.Modbus.Client;

/// <summary>How a master talks on one bus. Per-device timeouts and retries override these per call.</summary>
public sealed record ModbusMasterOptions
{
    /// <summary>How long to wait for a complete answer after the request has left the port. Sub-second values are fine.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times a failed transaction (timeout, CRC, mismatch, transport) is repeated; slave exceptions are not.</summary>
    public int Retries { get; init; } = 1;

    /// <summary>
    /// The silence that separates frames on this line: t3.5 for RTU on a serial port (<see cref="Framing.RtuTiming"/>),
    /// a few milliseconds for RTU over TCP, zero for Modbus TCP.
    /// </summary>
    public TimeSpan FrameSilence { get; init; }

    /// <summary>
    /// The RTU frames travel in a byte stream (RTU over TCP through a serial-device server), where the line's timing
    /// does not travel with them and a frame ends at its length. The master then keeps the <see cref="FrameSilence"/>
    /// (before a request and after an answer) only while a late answer may still come, that is after a request that
    /// went unanswered; otherwise it takes a complete answer at once. Waiting out the silence after every answer cost
    /// the bus thread a timed sleep and wake-up per request for nothing (issue 18).
    /// </summary>
    public bool StreamFraming { get; init; }

    /// <summary>Extra quiet time before each request, for analyzers that need a pause between requests.</summary>
    public TimeSpan InterRequestGap { get; init; }

    /// <summary>How long slaves get to act on a broadcast (unit 0) before the next request.</summary>
    public TimeSpan TurnaroundDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// After a timeout, how long the line is listened to and emptied, so that a late answer is never taken as
    /// the answer to the next request.
    /// </summary>
    public TimeSpan LateAnswerGuard { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Skip our own request when the RS-485 adapter echoes it back (adapters with receiver always enabled).</summary>
    public bool DiscardEcho { get; init; }
}
