namespace EdgeGateway.Simulator.Faults;

/// <summary>Faults injected so far, by kind; a snapshot.</summary>
/// <param name="NoAnswer">Requests left unanswered, including those while dead.</param>
/// <param name="BadCrc">Answers sent with a wrong CRC.</param>
/// <param name="Exception">Exception answers instead of data.</param>
/// <param name="Slow">Answers sent late.</param>
public sealed record FaultStatistics(long NoAnswer, long BadCrc, long Exception, long Slow)
{
    public long Total => NoAnswer + BadCrc + Exception + Slow;
}
