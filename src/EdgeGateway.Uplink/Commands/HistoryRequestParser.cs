using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using EdgeGateway.Pipeline.Aggregation;

namespace EdgeGateway.Uplink.Commands;

/// <summary>Turns a <see cref="HistoryRequest"/> into a <see cref="HistoryQuery"/>, or says which field is wrong.</summary>
internal static class HistoryRequestParser
{
    public static bool TryParse(HistoryRequest request, TimeSpan siteOffset, [NotNullWhen(true)] out HistoryQuery? query, [NotNullWhen(false)] out string? error)
    {
        query = null;
        if (!TryParsePeriod(request, out var period, out error)
            || !TryParseBound(request.Begin, request.BeginTime, "begin", "beginTime", siteOffset, inclusiveEnd: false, out var from, out error)
            || !TryParseBound(request.End, request.EndTime, "end", "endTime", siteOffset, inclusiveEnd: true, out var to, out error))
        {
            return false;
        }

        if (to <= from)
        {
            error = $"the range is empty: end {CommandTimes.Format(to)} is not after begin {CommandTimes.Format(from)}";
            return false;
        }

        query = new HistoryQuery(period, from, to);
        return true;
    }

    private static bool TryParsePeriod(HistoryRequest request, out AggregatePeriod? period, [NotNullWhen(false)] out string? error)
    {
        period = null;
        AggregatePeriod? byName = null;
        var named = request.Period is not null;
        if (named)
        {
            switch (request.Period)
            {
                case "minute":
                    byName = AggregatePeriod.Minute;
                    break;
                case "hour":
                    byName = AggregatePeriod.Hour;
                    break;
                case "day":
                    byName = AggregatePeriod.Day;
                    break;
                case "realtime":
                    break;
                default:
                    error = $"period '{CommandTimes.Shorten(request.Period!)}' is not one of minute, hour, day, realtime";
                    return false;
            }
        }

        if (request.Cn is not { } cnElement || cnElement.ValueKind == JsonValueKind.Null)
        {
            if (!named)
            {
                error = "give period (minute, hour, day, realtime) or cn (2051, 2061, 2031, 2011)";
                return false;
            }

            period = byName;
            error = null;
            return true;
        }

        var cn = cnElement.ValueKind switch
        {
            JsonValueKind.String => cnElement.GetString(),
            JsonValueKind.Number when cnElement.TryGetInt32(out var number) => number.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        AggregatePeriod? byCn;
        switch (cn)
        {
            case "2051":
                byCn = AggregatePeriod.Minute;
                break;
            case "2061":
                byCn = AggregatePeriod.Hour;
                break;
            case "2031":
                byCn = AggregatePeriod.Day;
                break;
            case "2011":
                byCn = null;
                break;
            default:
                error = "cn must be 2051 (minute), 2061 (hour), 2031 (day) or 2011 (real-time)";
                return false;
        }

        if (named && byName != byCn)
        {
            error = $"period '{request.Period}' and cn {cn} disagree";
            return false;
        }

        period = byCn;
        error = null;
        return true;
    }

    // ISO times are taken as they are ([begin, end)); HJ 212 EndTime names the last second wanted, so one second is
    // added to make it exclusive like the ISO end.
    private static bool TryParseBound(
        string? iso, string? hj212, string isoName, string hj212Name, TimeSpan siteOffset, bool inclusiveEnd, out DateTimeOffset utc, [NotNullWhen(false)] out string? error)
    {
        utc = default;
        if (iso is not null && hj212 is not null)
        {
            error = $"give {isoName} or {hj212Name}, not both";
            return false;
        }

        if (iso is not null)
        {
            if (!CommandTimes.TryParseIso(iso, out utc, out var problem))
            {
                error = $"{isoName}: {problem}";
                return false;
            }

            error = null;
            return true;
        }

        if (hj212 is not null)
        {
            if (!CommandTimes.TryParseHj212(hj212, siteOffset, out utc, out var problem))
            {
                error = $"{hj212Name}: {problem}";
                return false;
            }

            utc = inclusiveEnd ? utc.AddSeconds(1) : utc;
            error = null;
            return true;
        }

        error = $"{isoName} (ISO 8601 UTC) or {hj212Name} (yyyyMMddHHmmss, site time) is required";
        return false;
    }
}
