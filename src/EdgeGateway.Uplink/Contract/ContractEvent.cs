using System.Text.Json;

namespace EdgeGateway.Uplink.Contract;

/// <summary>One gateway event inside an <see cref="EventMessage"/>.</summary>
/// <param name="Sequence">Its outbox sequence number.</param>
/// <param name="Time">When it happened, UTC ISO 8601.</param>
/// <param name="Kind">The wire name of the kind, e.g. <c>comm-loss</c>.</param>
/// <param name="Source">Who reports it: a device or bus name, "outbox", "door", ...</param>
/// <param name="Text">One line for a person.</param>
/// <param name="Detail">Machine-readable detail object; absent when there is none.</param>
public sealed record ContractEvent(long Sequence, string Time, string Kind, string Source, string Text, JsonElement? Detail);
