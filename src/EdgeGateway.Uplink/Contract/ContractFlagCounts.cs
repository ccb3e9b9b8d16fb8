using System.Text.Json.Serialization;

namespace EdgeGateway.Uplink.Contract;

/// <summary>
/// A record's per-flag counts in the contract (<c>record.flagCounts</c>): how many of the items it was built from
/// carry each HJ 212 flag (samples for a minute, minute records for an hour, hour records for a day). A flag no item
/// carries is absent, so a record of N samples reads <c>{"N":60}</c>.
/// </summary>
/// <remarks>The keys are the flag letters themselves, as the platform sees them in <c>flag</c>, not camel case.</remarks>
public sealed record ContractFlagCounts(
    [property: JsonPropertyName("N")] int? N,
    [property: JsonPropertyName("F")] int? F,
    [property: JsonPropertyName("M")] int? M,
    [property: JsonPropertyName("S")] int? S,
    [property: JsonPropertyName("D")] int? D,
    [property: JsonPropertyName("C")] int? C,
    [property: JsonPropertyName("T")] int? T,
    [property: JsonPropertyName("B")] int? B);
