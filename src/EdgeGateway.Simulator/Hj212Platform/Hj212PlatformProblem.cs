namespace EdgeGateway.Simulator.Hj212Platform;

/// <summary>One rule a logger broke, as the platform simulator saw it.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="At">When it was seen.</param>
/// <param name="Sequence">The received packet it is about; null for bytes outside any frame.</param>
/// <param name="Cn">The packet's CN, when known.</param>
/// <param name="Qn">The packet's QN, when known.</param>
/// <param name="Text">The rule and how it was broken, e.g. <c>Flag 5 has version bits 1 (2017), expected 2 (2025)</c>.</param>
public sealed record Hj212PlatformProblem(long ConnectionId, DateTimeOffset At, long? Sequence, string? Cn, string? Qn, string Text)
{
    /// <summary>One line for logs and test failures.</summary>
    public override string ToString() =>
        $"connection {ConnectionId}{(Sequence is { } s ? $" packet {s}" : "")}{(Cn is null ? "" : $" CN {Cn}")}{(Qn is null ? "" : $" QN {Qn}")}: {Text}";
}
