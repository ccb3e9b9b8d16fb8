namespace EdgeGateway.Uplink.Commands;

/// <summary>The body of <c>set-rt-interval</c> (HJ 212 CN 1062 RtdInterval).</summary>
public sealed record SetRealTimeIntervalRequest
{
    /// <summary>The new interval in whole seconds.</summary>
    public int? Seconds { get; init; }
}
