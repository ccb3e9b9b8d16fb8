using EdgeGateway.Storage;

namespace EdgeGateway.Uplink.Commands;

/// <summary>What <see cref="RealTimeHistoryScan"/> found.</summary>
/// <param name="Readings">The readings in the range, by sequence.</param>
/// <param name="StoppedAt">Set when the scan limit ended the scan before the range did: the time it got to.</param>
internal sealed record RealTimeScanResult(IReadOnlyList<OutboxReading> Readings, DateTimeOffset? StoppedAt);
