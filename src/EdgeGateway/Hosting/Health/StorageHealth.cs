using EdgeGateway.Primitives.StateFiles;
using EdgeGateway.Storage;

namespace EdgeGateway.Hosting.Health;

/// <summary>The outbox and the state directory's small files.</summary>
/// <param name="Storing">Readings reach the outbox now; false while it cannot be opened or refuses appends.</param>
/// <param name="Problem">Why something cannot be stored (outbox or a state file); null when everything is written.</param>
/// <param name="ReadingsHeld">Readings held in memory, waiting for the outbox.</param>
/// <param name="ReadingsLost">Readings dropped since the start because the memory queue was full (announced by buffer-overflow events).</param>
/// <param name="StateFileFailures">Failed writes of state files since the start (each retried).</param>
/// <param name="StateFiles">Each state file's writes and failures.</param>
internal sealed record StorageHealth(
    string Path,
    long UsedBytes,
    long MaxBytes,
    long LastSequence,
    long AcknowledgedPrefix,
    long EvictedUnacknowledged,
    long FailedAppends,
    string? LastFailure,
    bool Storing = true,
    string? Problem = null,
    long ReadingsHeld = 0,
    long ReadingsLost = 0,
    long StateFileFailures = 0,
    IReadOnlyList<StateFileStatus>? StateFiles = null);
