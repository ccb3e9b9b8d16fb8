using System.Text.Json.Serialization;

namespace EdgeGateway.Pipeline.Alarms;

/// <summary>Which rule an alarm comes from.</summary>
public enum AlarmRule
{
    /// <summary>The rolling average of valid minute values passed the pre-warning fraction of the limit.</summary>
    [JsonStringEnumMemberName("preWarning")]
    PreWarning,

    /// <summary>A valid period average (minute, hour or day, as the limit's quantity says) passed the limit.</summary>
    [JsonStringEnumMemberName("exceedance")]
    Exceedance,
}
