using EdgeGateway.Configuration.Documents;
using EdgeGateway.Core.Alarms;
using EdgeGateway.Core.Pipeline;

namespace EdgeGateway.Configuration;

/// <summary>The <c>limits</c> section: emission limits per channel, checked against the channel table and the outlets.</summary>
public sealed partial class GatewaySettingsResolver
{
    private List<EmissionLimit> ResolveLimits(List<LimitDocument>? documents, ChannelTable? channels, List<OutletDocument>? outlets)
    {
        var limits = new List<EmissionLimit>();
        if (documents is null || channels is null)
        {
            return limits;
        }

        var seen = new HashSet<(string, LimitQuantity)>();
        for (var i = 0; i < documents.Count; i++)
        {
            var document = documents[i];
            var key = $"limits:{i}";
            var channelKey = Required(document.Channel, key + ":channel", "the channel the limit applies to (device.channel)");
            if (channelKey is null)
            {
                continue;
            }

            if (!channels.TryFind(channelKey, out var channel))
            {
                Error(key + ":channel", $"no channel '{channelKey}'");
                continue;
            }

            var quantity = Choice(document.Quantity, key + ":quantity", LimitQuantity.HourlyAverage,
                ("realTime", LimitQuantity.RealTime), ("realTimeConverted", LimitQuantity.RealTimeConverted), ("hourlyAverage", LimitQuantity.HourlyAverage),
                ("hourlyConverted", LimitQuantity.HourlyConverted), ("dailyAverage", LimitQuantity.DailyAverage));
            if (document.Quantity is null)
            {
                Error(key + ":quantity", "is required: realTime, realTimeConverted, hourlyAverage, hourlyConverted or dailyAverage (the permit says which)");
            }

            if (document.Limit is not { } limit || !double.IsFinite(limit) || limit <= 0)
            {
                Error(key + ":limit", "is required: a positive number in the channel's unit");
                continue;
            }

            if (document.Unit is null)
            {
                Error(key + ":unit", $"is required, so that a limit in another unit is caught: {channel.Key} is in {channel.Unit}");
            }
            else if (!string.Equals(document.Unit.Trim(), channel.Unit, StringComparison.Ordinal))
            {
                Error(key + ":unit", $"'{document.Unit}' is not the unit of {channel.Key} ({channel.Unit}); limits are not converted");
            }

            if (quantity is LimitQuantity.RealTimeConverted or LimitQuantity.HourlyConverted
                && !(outlets ?? []).Any(outlet => outlet.Kind == "flueGas" && outlet.OxygenChannel is not null && outlet.ReferenceOxygenPercent is not null && (outlet.Devices ?? []).Contains(channel.Device)))
            {
                Error(key + ":quantity", $"{document.Quantity} needs {channel.Device} in a flueGas outlet with oxygenChannel and referenceOxygenPercent (the converted value)");
            }

            if (!seen.Add((channel.Key, quantity)))
            {
                Error(key, $"a second {document.Quantity} limit for {channel.Key}");
            }

            var fraction = document.PreWarning ?? 0.8;
            if (!double.IsFinite(fraction) || fraction < 0 || fraction >= 1)
            {
                Error(key + ":preWarning", $"{fraction} must be 0 (none) or a fraction below 1, e.g. 0.8");
            }

            var hysteresis = document.Hysteresis ?? 0.05;
            if (!double.IsFinite(hysteresis) || hysteresis < 0 || hysteresis > 0.5)
            {
                Error(key + ":hysteresis", $"{hysteresis} must be 0 to 0.5");
            }

            limits.Add(new EmissionLimit(
                channel.Index,
                channel.Key,
                quantity,
                limit,
                fraction > 0 ? fraction : null,
                Duration(document.PreWarningWindow, key + ":preWarningWindow", TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(1), TimeSpan.FromHours(24)),
                hysteresis));
        }

        return limits;
    }
}
