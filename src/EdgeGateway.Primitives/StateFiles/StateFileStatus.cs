namespace EdgeGateway.Primitives.StateFiles;

/// <summary>How writing one state file goes, for the health and <c>egw status</c>.</summary>
/// <param name="Path">The file.</param>
/// <param name="Writes">Writes that succeeded.</param>
/// <param name="Failures">Writes that failed (first tries and retries).</param>
/// <param name="Pending">The last change is not on disk yet: it is retried (and kept in memory meanwhile).</param>
/// <param name="LastFailedAt">When the last failure happened.</param>
/// <param name="LastError">Why (e.g. "No space left on device").</param>
/// <param name="LinesLost">Append-only files only: lines dropped because too many were waiting.</param>
public sealed record StateFileStatus(string Path, long Writes, long Failures, bool Pending, DateTimeOffset? LastFailedAt, string? LastError, long LinesLost);
