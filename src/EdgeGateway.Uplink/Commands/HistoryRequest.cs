using System.Text.Json;

namespace EdgeGateway.Uplink.Commands;

/// <summary>The body of <c>history</c>: what to re-send (period or HJ 212 CN) and the time range (ISO or HJ 212 style).</summary>
public sealed record HistoryRequest
{
    /// <summary><c>minute</c>, <c>hour</c>, <c>day</c> or <c>realtime</c>.</summary>
    public string? Period { get; init; }

    /// <summary>Instead of <see cref="Period"/>: the HJ 212 CN, 2051, 2061, 2031 (or 2011 for real-time), as a string or a number.</summary>
    public JsonElement? Cn { get; init; }

    /// <summary>Range start (inclusive), ISO 8601 with <c>Z</c> or an offset.</summary>
    public string? Begin { get; init; }

    /// <summary>Range end (exclusive), ISO 8601 with <c>Z</c> or an offset.</summary>
    public string? End { get; init; }

    /// <summary>Instead of <see cref="Begin"/>: HJ 212 BeginTime, <c>yyyyMMddHHmmss</c> in site time (inclusive).</summary>
    public string? BeginTime { get; init; }

    /// <summary>Instead of <see cref="End"/>: HJ 212 EndTime, <c>yyyyMMddHHmmss</c> in site time (inclusive, to the second).</summary>
    public string? EndTime { get; init; }
}
