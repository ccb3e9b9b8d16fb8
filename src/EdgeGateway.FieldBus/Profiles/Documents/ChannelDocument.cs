using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.FieldBus.Profiles.Documents;

/// <summary>One entry of <c>channels</c> in a profile file.</summary>
public sealed record ChannelDocument
{
    public string? Id { get; init; }

    public string? Code { get; init; }

    public string? Name { get; init; }

    public string? Unit { get; init; }

    public string? Table { get; init; }

    public int? Address { get; init; }

    public string? Type { get; init; }

    public int? Bit { get; init; }

    public string? ByteOrder { get; init; }

    public double? Scale { get; init; }

    public double? Offset { get; init; }

    public RangeDocument? Range { get; init; }

    /// <summary>Register value (decimal) to run-state name; makes the channel a run-state channel.</summary>
    public Dictionary<string, string>? RunState { get; init; }

    /// <summary>The id of the rate channel this totaliser counts up (flow-total of flow); makes the channel a totaliser.</summary>
    public string? TotalOf { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownProperties { get; set; }
}
