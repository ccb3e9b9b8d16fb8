using System.Text.Json.Serialization;

namespace EdgeGateway.Pipeline.Alarms;

/// <summary>What happened to an alarm.</summary>
public enum AlarmChange
{
    [JsonStringEnumMemberName("raised")]
    Raised,

    /// <summary>Still active, with a higher value than when last reported.</summary>
    [JsonStringEnumMemberName("updated")]
    Updated,

    [JsonStringEnumMemberName("cleared")]
    Cleared,

    /// <summary>The sampler kept the over-limit sample of this exceedance (<see cref="ActiveAlarm.Sample"/> has the bottle).</summary>
    [JsonStringEnumMemberName("sampleRetained")]
    SampleRetained,

    /// <summary>The over-limit sample was not kept, or the gateway cannot tell (<see cref="ActiveAlarm.Sample"/> says why).</summary>
    [JsonStringEnumMemberName("sampleFailed")]
    SampleFailed,
}
