using EdgeGateway.Pipeline.Aggregation;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>One outlet's N-minute window whose 1-minute records were all read: the combined records and the minute records' sequences they acknowledge.</summary>
/// <param name="Outlet">The outlet.</param>
/// <param name="StartUtc">The window's start.</param>
/// <param name="Records">One N-minute record per channel.</param>
/// <param name="Sequences">The outbox sequences of the window's 1-minute records, ascending.</param>
internal sealed record MinuteIntervalWindow(string Outlet, DateTimeOffset StartUtc, IReadOnlyList<AggregateRecord> Records, IReadOnlyList<long> Sequences);
