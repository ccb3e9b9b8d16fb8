namespace EdgeGateway.Uplink.Commands;

/// <summary>The body of <c>set-time</c>: one of the two times.</summary>
public sealed record SetTimeRequest
{
    /// <summary>ISO 8601 with <c>Z</c> or an offset, e.g. <c>2026-03-01T08:00:00Z</c>.</summary>
    public string? Time { get; init; }

    /// <summary>HJ 212 style (CN 1012 SystemTime): <c>yyyyMMddHHmmss</c> in site time.</summary>
    public string? SystemTime { get; init; }
}
