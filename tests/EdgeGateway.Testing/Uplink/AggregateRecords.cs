using System.Text.Json;

namespace EdgeGateway.Testing.Uplink;

/// <summary>
/// The aggregate records of an <c>aggregates/minute|hour|day</c> message, in either form of the contract: the batch
/// form's <c>records</c> or the single form's <c>record</c> (docs/platform-contract.md), as a platform reads them.
/// </summary>
public static class AggregateRecords
{
    /// <summary>The records of <paramref name="root"/>, in message order; cloned, so they outlive its document.</summary>
    public static IReadOnlyList<JsonElement> Of(JsonElement root) =>
        root.TryGetProperty("records", out var records)
            ? [.. records.EnumerateArray().Select(record => record.Clone())]
            : [root.GetProperty("record").Clone()];

    /// <summary>The records of a message payload.</summary>
    public static IReadOnlyList<JsonElement> Of(byte[] payload)
    {
        using var document = JsonDocument.Parse(payload);
        return Of(document.RootElement);
    }
}
