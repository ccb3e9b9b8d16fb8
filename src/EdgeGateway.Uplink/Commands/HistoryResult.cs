namespace EdgeGateway.Uplink.Commands;

/// <summary>The result of <c>history</c>, sent before the re-send starts.</summary>
/// <param name="Accepted">Always true in a successful reply: the re-send runs (or there was nothing to send).</param>
/// <param name="Period">What is re-sent: <c>minute</c>, <c>hour</c>, <c>day</c> or <c>realtime</c>.</param>
/// <param name="Begin">The range start as understood (UTC, inclusive).</param>
/// <param name="End">The range end as understood (UTC, exclusive).</param>
/// <param name="Records">How many records will be re-sent.</param>
/// <param name="Truncated">More records were in the range than one request re-sends.</param>
/// <param name="NextBegin">When truncated: ask again from here for the rest.</param>
/// <param name="FirstSequence">The lowest sequence number re-sent; absent when none.</param>
/// <param name="LastSequence">The highest sequence number re-sent; absent when none.</param>
public sealed record HistoryResult(
    bool Accepted,
    string Period,
    string Begin,
    string End,
    int Records,
    bool Truncated,
    string? NextBegin,
    long? FirstSequence,
    long? LastSequence);
