using System.Text.Json.Serialization;

namespace EdgeGateway.Pipeline.Alarms;

/// <summary>What an emission limit applies to: the permit says which.</summary>
public enum LimitQuantity
{
    /// <summary>The measured concentration (minute averages of valid real-time values).</summary>
    [JsonStringEnumMemberName("realTime")]
    RealTime,

    /// <summary>The concentration converted to the outlet's reference O₂ (折算, Zs), from minute records.</summary>
    [JsonStringEnumMemberName("realTimeConverted")]
    RealTimeConverted,

    /// <summary>The hourly average (flue gas: usually converted, see <see cref="HourlyConverted"/>; wastewater: as measured).</summary>
    [JsonStringEnumMemberName("hourlyAverage")]
    HourlyAverage,

    /// <summary>The hourly average converted to the reference O₂: what ultra-low-emission limits and HJ 76 exceedances use.</summary>
    [JsonStringEnumMemberName("hourlyConverted")]
    HourlyConverted,

    /// <summary>The daily average (wastewater discharge permits), converted when the channel has a converted value.</summary>
    [JsonStringEnumMemberName("dailyAverage")]
    DailyAverage,
}
