using System.Text.Json.Serialization;

namespace EdgeGateway.Pipeline.Alarms;

/// <summary>Where the over-limit sample of an exceedance stands.</summary>
public enum SampleRetentionState
{
    /// <summary>The sampler's command is queued or on the bus.</summary>
    [JsonStringEnumMemberName("requested")]
    Requested,

    /// <summary>The sampler took the command and reported its bottle.</summary>
    [JsonStringEnumMemberName("retained")]
    Retained,

    /// <summary>The sampler refused or did not answer; the technician can retain one by hand (egw analyzer).</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The gateway stopped while the command was out; not sent again, so no episode fills two bottles.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,
}
