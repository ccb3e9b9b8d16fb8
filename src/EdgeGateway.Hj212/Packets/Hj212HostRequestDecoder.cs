using System.Diagnostics.CodeAnalysis;
using EdgeGateway.Hj212.Codes;

namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// Reads a decoded packet as one of the host requests the gateway answers: 1011/1012 get/set time, 1061/1062
/// get/set real-time interval, 2051/2061/2031 history with BeginTime/EndTime, 3015 sample retention.
/// Never throws on bad input. BeginTime and EndTime are found whether the host separated them with <c>;</c> or
/// <c>,</c> (the standard's own examples do both).
/// </summary>
public static class Hj212HostRequestDecoder
{
    /// <summary>Reads <paramref name="packet"/> as a host request.</summary>
    public static Hj212HostRequestResult Decode(Hj212Packet packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (!packet.TryGetCommandCode(out var command))
        {
            return Unknown(packet);
        }

        var cp = packet.Cp;
        switch (command)
        {
            case Hj212CommandCode.GetTime:
                return new Hj212HostRequestResult(new Hj212GetTimeRequest(packet, cp.GetValue(Hj212FieldNames.PolId)));

            case Hj212CommandCode.SetTime:
                if (!TryGetTime(cp, Hj212FieldNames.SystemTime, out var systemTime, out var timeError))
                {
                    return timeError;
                }

                return new Hj212HostRequestResult(new Hj212SetTimeRequest(packet, cp.GetValue(Hj212FieldNames.PolId), systemTime));

            case Hj212CommandCode.GetRealTimeInterval:
                return new Hj212HostRequestResult(new Hj212GetRealTimeIntervalRequest(packet));

            case Hj212CommandCode.SetRealTimeInterval:
                if (!cp.TryGetValue(Hj212FieldNames.RtdInterval, out var intervalText))
                {
                    return MissingItem(Hj212FieldNames.RtdInterval);
                }

                if (!cp.TryGetInt32(Hj212FieldNames.RtdInterval, out var seconds) || seconds <= 0)
                {
                    return new Hj212HostRequestResult(
                        Hj212HostRequestError.BadItem,
                        $"RtdInterval '{intervalText}' is not a positive number of seconds");
                }

                return new Hj212HostRequestResult(new Hj212SetRealTimeIntervalRequest(packet, seconds));

            case Hj212CommandCode.MinuteData or Hj212CommandCode.HourData or Hj212CommandCode.DayData:
                if (!TryGetTime(cp, Hj212FieldNames.BeginTime, out var begin, out var beginError))
                {
                    return beginError;
                }

                if (!TryGetTime(cp, Hj212FieldNames.EndTime, out var end, out var endError))
                {
                    return endError;
                }

                if (begin > end)
                {
                    return new Hj212HostRequestResult(
                        Hj212HostRequestError.BadItem,
                        $"BeginTime {Hj212Time.Format(begin)} is after EndTime {Hj212Time.Format(end)}");
                }

                return new Hj212HostRequestResult(new Hj212HistoryDataRequest(packet, command, begin, end));

            case Hj212CommandCode.SampleRetention:
                return new Hj212HostRequestResult(new Hj212SampleRetentionRequest(packet));

            default:
                return Unknown(packet);
        }
    }

    private static bool TryGetTime(
        Hj212DataArea cp,
        string name,
        out DateTime time,
        [NotNullWhen(false)] out Hj212HostRequestResult? error)
    {
        error = null;
        if (!cp.TryGetValue(name, out var text))
        {
            time = default;
            error = MissingItem(name);
            return false;
        }

        if (!Hj212Time.TryParse(text, out time))
        {
            error = new Hj212HostRequestResult(Hj212HostRequestError.BadItem, $"{name} '{text}' is not a YYYYMMDDhhmmss time");
            return false;
        }

        return true;
    }

    private static Hj212HostRequestResult MissingItem(string name) =>
        new(Hj212HostRequestError.MissingItem, $"CP item '{name}' missing");

    private static Hj212HostRequestResult Unknown(Hj212Packet packet) =>
        new(Hj212HostRequestError.UnknownCommand, $"CN {packet.Cn} is not a host request this gateway answers");
}
