using System.Text.Json.Serialization;

namespace EdgeGateway.Core.Alarms;

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
}
