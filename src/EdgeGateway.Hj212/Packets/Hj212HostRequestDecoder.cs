using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using EdgeGateway.Hj212.Codes;

namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// Reads a decoded packet as one of the host requests of HJ 212-2017 and HJ 212-2025 (hj212-tcp.md Part A b): one
/// record type per request, checked against the standard's ranges. Never throws on bad input: a missing, malformed
/// or out-of-range item comes back naming the item, with the 9011/9012 answers it calls for
/// (<see cref="Hj212HostRequestResult.QnRtn"/>, <see cref="Hj212HostRequestResult.ExeRtn"/>). BeginTime and EndTime
/// are found whether the host separated them with <c>;</c> or <c>,</c> (the standard's own examples do both).
/// Decrypt an HJ 212-2025 packet first (<see cref="Crypto.Hj212CpCipher.Decode"/>).
/// </summary>
public static class Hj212HostRequestDecoder
{
    private const int MaxIdentityLength = 24;
    private const int SecondsRangeLow = 30;
    private const int SecondsRangeHigh = 3600;
    private const int CountRangeHigh = 99;
    private const int KeyLength = 16;
    private static readonly int[] MinuteIntervals = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];

    /// <summary>Reads <paramref name="packet"/> as a host request.</summary>
    public static Hj212HostRequestResult Decode(Hj212Packet packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (!packet.TryGetCommandCode(out var command))
        {
            return Unknown(packet);
        }

        var cp = packet.Cp;
        return command switch
        {
            Hj212CommandCode.SetTimeoutAndRetries => SetTimeout(packet, cp),
            Hj212CommandCode.SetMn => SetMn(packet, cp),
            Hj212CommandCode.GetTime => new Hj212HostRequestResult(new Hj212GetTimeRequest(packet, cp.GetValue(Hj212FieldNames.PolId))),
            Hj212CommandCode.SetTime => SetTime(packet, cp),
            Hj212CommandCode.KeyExchange => SetKey(packet, cp),
            Hj212CommandCode.GetRealTimeInterval => new Hj212HostRequestResult(new Hj212GetRealTimeIntervalRequest(packet)),
            Hj212CommandCode.SetRealTimeInterval => SetRealTimeInterval(packet, cp),
            Hj212CommandCode.GetMinuteInterval => new Hj212HostRequestResult(new Hj212GetMinuteIntervalRequest(packet)),
            Hj212CommandCode.SetMinuteInterval => SetMinuteInterval(packet, cp),
            Hj212CommandCode.SetPassword => SetPassword(packet, cp),
            Hj212CommandCode.RealTimeData or Hj212CommandCode.EquipmentRunState =>
                new Hj212HostRequestResult(new Hj212StartUploadRequest(packet, command)),
            Hj212CommandCode.StopRealTimeData => new Hj212HostRequestResult(new Hj212StopUploadRequest(packet, Hj212CommandCode.RealTimeData)),
            Hj212CommandCode.StopEquipmentRunState =>
                new Hj212HostRequestResult(new Hj212StopUploadRequest(packet, Hj212CommandCode.EquipmentRunState)),
            Hj212CommandCode.MinuteData or Hj212CommandCode.HourData or Hj212CommandCode.DayData
                or Hj212CommandCode.EquipmentDayRunTime or Hj212CommandCode.RawData or Hj212CommandCode.StandardCheckData =>
                History(packet, command, cp),
            Hj212CommandCode.ZeroAndSpanCalibration => Calibration(packet, cp),
            Hj212CommandCode.ImmediateSampling or Hj212CommandCode.StartCleaning or Hj212CommandCode.ComparisonSampling
                or Hj212CommandCode.StartStandardCheck =>
                WithPolId(packet, cp, polId => new Hj212InstrumentRoutineRequest(packet, command, polId)),
            Hj212CommandCode.SampleRetention => new Hj212HostRequestResult(new Hj212SampleRetentionRequest(packet)),
            Hj212CommandCode.ImmediateSampleRetention => WithPolId(packet, cp, polId => new Hj212SampleRetentionTaskRequest(packet, polId)),
            Hj212CommandCode.InstrumentId => WithPolId(packet, cp, polId => new Hj212InstrumentIdRequest(packet, polId)),
            Hj212CommandCode.FieldInformation => FieldInformation(packet, cp),
            Hj212CommandCode.SetFieldParameter => SetFieldParameter(packet, cp),
            Hj212CommandCode.SetSamplingPeriod or Hj212CommandCode.GetSamplingPeriod or Hj212CommandCode.GetSampleOutputTime =>
                new Hj212HostRequestResult(
                    Hj212HostRequestError.UnsupportedCommand,
                    $"CN {packet.Cn} ({Hj212Codes.Describe(command)}) is a host request this gateway does not carry out"),
            _ => Unknown(packet),
        };
    }

    private static Hj212HostRequestResult SetTimeout(Hj212Packet packet, Hj212DataArea cp)
    {
        if (!TryGetInt(cp, Hj212FieldNames.OverTime, 1, CountRangeHigh, "seconds", out var overTime, out var error)
            || !TryGetInt(cp, Hj212FieldNames.ReCount, 1, CountRangeHigh, "resends", out var reCount, out error))
        {
            return error;
        }

        return new Hj212HostRequestResult(new Hj212SetTimeoutRequest(packet, overTime, reCount));
    }

    private static Hj212HostRequestResult SetMn(Hj212Packet packet, Hj212DataArea cp)
    {
        if (!TryGetText(cp, Hj212FieldNames.LoggerIdInfo, out var mn, out var error))
        {
            return error;
        }

        if (mn.Length > MaxIdentityLength || !mn.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            return new Hj212HostRequestResult(
                Hj212HostRequestError.BadItem,
                $"{Hj212FieldNames.LoggerIdInfo} '{mn}' is not an MN of 1-{MaxIdentityLength} letters, digits, '_' or '-'",
                Hj212FieldNames.LoggerIdInfo);
        }

        return new Hj212HostRequestResult(new Hj212SetMnRequest(packet, mn));
    }

    private static Hj212HostRequestResult SetTime(Hj212Packet packet, Hj212DataArea cp)
    {
        if (!TryGetTime(cp, Hj212FieldNames.SystemTime, out var systemTime, out var error))
        {
            return error;
        }

        return new Hj212HostRequestResult(new Hj212SetTimeRequest(packet, cp.GetValue(Hj212FieldNames.PolId), systemTime));
    }

    private static Hj212HostRequestResult SetKey(Hj212Packet packet, Hj212DataArea cp)
    {
        if (!TryGetTime(cp, Hj212FieldNames.SkCreateTime, out var created, out var error)
            || !TryGetText(cp, Hj212FieldNames.NewSk, out var key, out error))
        {
            return error;
        }

        if (key.Length != KeyLength || !key.All(c => c is >= '!' and <= '~'))
        {
            return new Hj212HostRequestResult(
                Hj212HostRequestError.BadItem,
                $"{Hj212FieldNames.NewSk} is {key.Length} characters; an SM4 key is {KeyLength} printable ASCII characters",
                Hj212FieldNames.NewSk);
        }

        return new Hj212HostRequestResult(new Hj212SetKeyRequest(packet, created, key));
    }

    private static Hj212HostRequestResult SetRealTimeInterval(Hj212Packet packet, Hj212DataArea cp) =>
        TryGetInt(cp, Hj212FieldNames.RtdInterval, SecondsRangeLow, SecondsRangeHigh, "seconds", out var seconds, out var error)
            ? new Hj212HostRequestResult(new Hj212SetRealTimeIntervalRequest(packet, seconds))
            : error;

    private static Hj212HostRequestResult SetMinuteInterval(Hj212Packet packet, Hj212DataArea cp)
    {
        if (!TryGetInt(cp, Hj212FieldNames.MinInterval, int.MinValue, int.MaxValue, "minutes", out var minutes, out var error))
        {
            return error;
        }

        if (Array.IndexOf(MinuteIntervals, minutes) < 0)
        {
            return new Hj212HostRequestResult(
                Hj212HostRequestError.OutOfRange,
                $"{Hj212FieldNames.MinInterval} {minutes} is not one of {string.Join(", ", MinuteIntervals)} minutes",
                Hj212FieldNames.MinInterval);
        }

        return new Hj212HostRequestResult(new Hj212SetMinuteIntervalRequest(packet, minutes));
    }

    private static Hj212HostRequestResult SetPassword(Hj212Packet packet, Hj212DataArea cp)
    {
        if (!TryGetText(cp, Hj212FieldNames.NewPw, out var password, out var error))
        {
            return error;
        }

        if (password.Length > MaxIdentityLength || !password.All(c => c is >= '!' and <= '~' and not (';' or '=' or '&' or ',')))
        {
            return new Hj212HostRequestResult(
                Hj212HostRequestError.BadItem,
                $"{Hj212FieldNames.NewPw} is not 1-{MaxIdentityLength} printable ASCII characters without ; = & ,",
                Hj212FieldNames.NewPw);
        }

        return new Hj212HostRequestResult(new Hj212SetPasswordRequest(packet, password));
    }

    private static Hj212HostRequestResult History(Hj212Packet packet, Hj212CommandCode command, Hj212DataArea cp) =>
        TryGetRange(cp, required: true, out var begin, out var end, out var error)
            ? new Hj212HostRequestResult(new Hj212HistoryDataRequest(packet, command, begin!.Value, end!.Value))
            : error;

    private static Hj212HostRequestResult Calibration(Hj212Packet packet, Hj212DataArea cp)
    {
        if (!TryGetText(cp, Hj212FieldNames.PolId, out var polId, out var error))
        {
            return error;
        }

        Hj212CalibrationType? type = null;
        if (cp.TryGetValue(Hj212FieldNames.CalibrationType, out var typeText))
        {
            type = typeText switch
            {
                "0" => Hj212CalibrationType.Zero,
                "1" => Hj212CalibrationType.Span,
                _ => null,
            };
            if (type is null)
            {
                return new Hj212HostRequestResult(
                    Hj212HostRequestError.OutOfRange,
                    $"{Hj212FieldNames.CalibrationType} '{typeText}' is not 0 (zero) or 1 (span)",
                    Hj212FieldNames.CalibrationType);
            }
        }

        return new Hj212HostRequestResult(new Hj212CalibrationRequest(packet, polId, type));
    }

    private static Hj212HostRequestResult FieldInformation(Hj212Packet packet, Hj212DataArea cp)
    {
        if (!TryGetText(cp, Hj212FieldNames.PolId, out var polId, out var error)
            || !TryGetText(cp, Hj212FieldNames.InfoId, out var infoId, out error)
            || !TryGetRange(cp, required: false, out var begin, out var end, out error))
        {
            return error;
        }

        return new Hj212HostRequestResult(new Hj212FieldInformationRequest(packet, polId, infoId, begin, end));
    }

    private static Hj212HostRequestResult SetFieldParameter(Hj212Packet packet, Hj212DataArea cp)
    {
        if (!TryGetText(cp, Hj212FieldNames.PolId, out var polId, out var error)
            || !TryGetText(cp, Hj212FieldNames.InfoId, out var infoId, out error))
        {
            return error;
        }

        var valueName = Hj212FieldNames.Factor(infoId, Hj212FactorField.Info);
        if (!cp.TryGetValue(valueName, out var value))
        {
            return MissingItem(valueName);
        }

        return new Hj212HostRequestResult(new Hj212SetFieldParameterRequest(packet, polId, infoId, value));
    }

    private static Hj212HostRequestResult WithPolId(Hj212Packet packet, Hj212DataArea cp, Func<string, Hj212HostRequest> create) =>
        TryGetText(cp, Hj212FieldNames.PolId, out var polId, out var error)
            ? new Hj212HostRequestResult(create(polId))
            : error;

    // BeginTime and EndTime together: both required for history; for 3020 both or neither.
    private static bool TryGetRange(
        Hj212DataArea cp,
        bool required,
        out DateTime? begin,
        out DateTime? end,
        [NotNullWhen(false)] out Hj212HostRequestResult? error)
    {
        begin = end = null;
        error = null;
        if (!required && !cp.TryGetValue(Hj212FieldNames.BeginTime, out _) && !cp.TryGetValue(Hj212FieldNames.EndTime, out _))
        {
            return true;
        }

        if (!TryGetTime(cp, Hj212FieldNames.BeginTime, out var beginTime, out error)
            || !TryGetTime(cp, Hj212FieldNames.EndTime, out var endTime, out error))
        {
            return false;
        }

        if (beginTime > endTime)
        {
            error = new Hj212HostRequestResult(
                Hj212HostRequestError.OutOfRange,
                $"BeginTime {Hj212Time.Format(beginTime)} is after EndTime {Hj212Time.Format(endTime)}",
                Hj212FieldNames.BeginTime);
            return false;
        }

        begin = beginTime;
        end = endTime;
        return true;
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
            error = new Hj212HostRequestResult(Hj212HostRequestError.BadItem, $"{name} '{text}' is not a YYYYMMDDhhmmss time", name);
            return false;
        }

        return true;
    }

    private static bool TryGetText(
        Hj212DataArea cp,
        string name,
        [NotNullWhen(true)] out string? value,
        [NotNullWhen(false)] out Hj212HostRequestResult? error)
    {
        error = null;
        if (!cp.TryGetValue(name, out value))
        {
            error = MissingItem(name);
            return false;
        }

        if (value.Length == 0)
        {
            error = new Hj212HostRequestResult(Hj212HostRequestError.BadItem, $"CP item '{name}' is empty", name);
            value = null;
            return false;
        }

        return true;
    }

    private static bool TryGetInt(
        Hj212DataArea cp,
        string name,
        int low,
        int high,
        string unit,
        out int value,
        [NotNullWhen(false)] out Hj212HostRequestResult? error)
    {
        value = 0;
        error = null;
        if (!cp.TryGetValue(name, out var text))
        {
            error = MissingItem(name);
            return false;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            error = new Hj212HostRequestResult(Hj212HostRequestError.BadItem, $"{name} '{text}' is not a whole number of {unit}", name);
            return false;
        }

        if (value < low || value > high)
        {
            error = new Hj212HostRequestResult(Hj212HostRequestError.OutOfRange, $"{name} {value} is outside {low}-{high} {unit}", name);
            return false;
        }

        return true;
    }

    private static Hj212HostRequestResult MissingItem(string name) =>
        new(Hj212HostRequestError.MissingItem, $"CP item '{name}' missing", name);

    private static Hj212HostRequestResult Unknown(Hj212Packet packet) =>
        new(Hj212HostRequestError.UnknownCommand, $"CN {packet.Cn} is not a host request this gateway answers");
}
