using EdgeGateway.Pipeline.Alarms;

namespace EdgeGateway.Configuration;

/// <summary>The names of <see cref="LimitQuantity"/> in gateway.json and in limit preset files, which must agree.</summary>
internal static class LimitQuantityNames
{
    /// <summary>For messages: what a quantity may be.</summary>
    public const string Hint = "realTime, realTimeConverted, hourlyAverage, hourlyConverted or dailyAverage";

    public static (string Name, LimitQuantity Value)[] All =>
    [
        ("realTime", LimitQuantity.RealTime),
        ("realTimeConverted", LimitQuantity.RealTimeConverted),
        ("hourlyAverage", LimitQuantity.HourlyAverage),
        ("hourlyConverted", LimitQuantity.HourlyConverted),
        ("dailyAverage", LimitQuantity.DailyAverage),
    ];

    public static bool TryParse(string text, out LimitQuantity quantity)
    {
        foreach (var (name, value) in All)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                quantity = value;
                return true;
            }
        }

        quantity = default;
        return false;
    }
}
