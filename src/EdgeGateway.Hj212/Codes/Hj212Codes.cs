using System.Globalization;

namespace EdgeGateway.Hj212.Codes;

/// <summary>Wire spellings and human descriptions of the code enums.</summary>
public static class Hj212Codes
{
    /// <summary>The CN as written in a packet, e.g. <c>2011</c>.</summary>
    public static string ToWire(Hj212CommandCode command) =>
        ((int)command).ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>The ST as written in a packet, e.g. <c>32</c>.</summary>
    public static string ToWire(Hj212SystemCode system) =>
        ((int)system).ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The flag letter, e.g. <c>N</c>.</summary>
    public static char ToLetter(Hj212DataFlag flag) => (char)flag;

    /// <summary>The flag letter as a string, e.g. <c>"N"</c>; a switch rather than a char conversion so nothing is allocated.</summary>
    public static string ToWire(Hj212DataFlag flag) => flag switch
    {
        Hj212DataFlag.Normal => "N",
        Hj212DataFlag.Stopped => "F",
        Hj212DataFlag.Maintenance => "M",
        Hj212DataFlag.ManualValue => "S",
        Hj212DataFlag.Fault => "D",
        Hj212DataFlag.Calibration => "C",
        Hj212DataFlag.OverRange => "T",
        Hj212DataFlag.CommunicationFault => "B",
        _ => throw new ArgumentOutOfRangeException(nameof(flag), flag, "not a data flag of HJ 212-2017 Table 8"),
    };

    /// <summary>Parses a one-letter data flag of Table 8 (case-sensitive, as field values are).</summary>
    public static bool TryParseDataFlag(string? text, out Hj212DataFlag flag)
    {
        flag = default;
        if (text is not { Length: 1 })
        {
            return false;
        }

        switch (text[0])
        {
            case 'N' or 'F' or 'M' or 'S' or 'D' or 'C' or 'T' or 'B':
                flag = (Hj212DataFlag)text[0];
                return true;
            default:
                return false;
        }
    }

    /// <summary>Parses a CN string into the enum when it is one of the standard's codes.</summary>
    public static bool TryParseCommandCode(string? text, out Hj212CommandCode command)
    {
        command = default;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        command = (Hj212CommandCode)value;
        return Describe(command) is not null;
    }

    /// <summary>Parses an ST string into the enum when it is one of Table 5's codes.</summary>
    public static bool TryParseSystemCode(string? text, out Hj212SystemCode system)
    {
        system = default;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        system = (Hj212SystemCode)value;
        return Describe(system) is not null;
    }

    /// <summary>What a CN means, or null for a code the standard does not define.</summary>
    public static string? Describe(Hj212CommandCode command) => command switch
    {
        Hj212CommandCode.SetTimeoutAndRetries => "set timeout and retries",
        Hj212CommandCode.HardwareIdentity => "hardware identity",
        Hj212CommandCode.SetMn => "set MN",
        Hj212CommandCode.KeyExchange => "encryption key exchange",
        Hj212CommandCode.GetTime => "get time",
        Hj212CommandCode.SetTime => "set time",
        Hj212CommandCode.TimeCalibrationRequest => "time-calibration request",
        Hj212CommandCode.GetRealTimeInterval => "get real-time data interval",
        Hj212CommandCode.SetRealTimeInterval => "set real-time data interval",
        Hj212CommandCode.GetMinuteInterval => "get minute-data interval",
        Hj212CommandCode.SetMinuteInterval => "set minute-data interval",
        Hj212CommandCode.SetPassword => "set access password",
        Hj212CommandCode.RealTimeData => "real-time data",
        Hj212CommandCode.StopRealTimeData => "stop real-time data",
        Hj212CommandCode.RawData => "raw monitoring data",
        Hj212CommandCode.EquipmentRunState => "equipment run state",
        Hj212CommandCode.StopEquipmentRunState => "stop equipment run state",
        Hj212CommandCode.DayData => "daily data",
        Hj212CommandCode.EquipmentDayRunTime => "equipment daily run time",
        Hj212CommandCode.MinuteData => "minute data",
        Hj212CommandCode.HourData => "hourly data",
        Hj212CommandCode.StandardCheckData => "standard-check data",
        Hj212CommandCode.LoggerRestart => "data logger restart",
        Hj212CommandCode.ZeroAndSpanCalibration => "zero and span calibration",
        Hj212CommandCode.ImmediateSampling => "immediate sampling",
        Hj212CommandCode.StartCleaning => "start cleaning / blow-back",
        Hj212CommandCode.ComparisonSampling => "comparison sampling",
        Hj212CommandCode.SampleRetention => "over-limit sample retention",
        Hj212CommandCode.SetSamplingPeriod => "set sampling period",
        Hj212CommandCode.GetSamplingPeriod => "get sampling period",
        Hj212CommandCode.GetSampleOutputTime => "get sample-output time",
        Hj212CommandCode.InstrumentId => "instrument ID",
        Hj212CommandCode.FieldInformation => "field information",
        Hj212CommandCode.SetFieldParameter => "set field parameter",
        Hj212CommandCode.ImmediateSampleRetention => "immediate sample retention",
        Hj212CommandCode.StartStandardCheck => "start standard check",
        Hj212CommandCode.RequestAnswer => "request answer",
        Hj212CommandCode.ExecutionResult => "execution result",
        Hj212CommandCode.NotificationAnswer => "notification answer",
        Hj212CommandCode.DataAnswer => "data answer",
        Hj212CommandCode.Heartbeat => "heartbeat",
        _ => null,
    };

    /// <summary>What an ST means, or null for a code Table 5 does not define.</summary>
    public static string? Describe(Hj212SystemCode system) => system switch
    {
        Hj212SystemCode.SurfaceWaterQuality => "surface water quality",
        Hj212SystemCode.AirQuality => "air quality",
        Hj212SystemCode.AcousticEnvironment => "acoustic environment",
        Hj212SystemCode.GroundwaterQuality => "groundwater quality",
        Hj212SystemCode.SoilQuality => "soil quality",
        Hj212SystemCode.SeawaterQuality => "seawater quality",
        Hj212SystemCode.VolatileOrganicCompounds => "VOCs monitoring",
        Hj212SystemCode.AirPollutionSource => "atmospheric pollution source",
        Hj212SystemCode.WaterPollutionSource => "surface-water pollution source",
        Hj212SystemCode.GroundwaterPollutionSource => "groundwater pollution source",
        Hj212SystemCode.MarinePollutionSource => "marine pollution source",
        Hj212SystemCode.SoilPollutionSource => "soil pollution source",
        Hj212SystemCode.NoiseSource => "noise source",
        Hj212SystemCode.VibrationSource => "vibration source",
        Hj212SystemCode.RadioactiveSource => "radioactive source",
        Hj212SystemCode.ConstructionDust => "construction-site dust",
        Hj212SystemCode.ElectromagneticSource => "electromagnetic source",
        Hj212SystemCode.FlueGasProcess => "flue-gas process monitoring",
        Hj212SystemCode.WastewaterProcess => "wastewater process monitoring",
        Hj212SystemCode.SystemInteraction => "system interaction",
        _ => null,
    };

    /// <summary>What a data flag means, in the standard's wording.</summary>
    public static string? Describe(Hj212DataFlag flag) => flag switch
    {
        Hj212DataFlag.Normal => "instrument working normally",
        Hj212DataFlag.Stopped => "instrument stopped",
        Hj212DataFlag.Maintenance => "maintenance",
        Hj212DataFlag.ManualValue => "manually entered value",
        Hj212DataFlag.Fault => "instrument fault",
        Hj212DataFlag.Calibration => "calibration",
        Hj212DataFlag.OverRange => "above the measuring upper limit",
        Hj212DataFlag.CommunicationFault => "instrument-to-logger communication fault",
        _ => null,
    };

    /// <summary>What a QnRtn means.</summary>
    public static string? Describe(Hj212QnRtn result) => result switch
    {
        Hj212QnRtn.ReadyToExecute => "ready to execute",
        Hj212QnRtn.Rejected => "rejected",
        Hj212QnRtn.PasswordWrong => "PW wrong",
        Hj212QnRtn.MnWrong => "MN wrong",
        Hj212QnRtn.StWrong => "ST wrong",
        Hj212QnRtn.FlagWrong => "Flag wrong",
        Hj212QnRtn.QnWrong => "QN wrong",
        Hj212QnRtn.CnWrong => "CN wrong",
        Hj212QnRtn.CrcError => "CRC error",
        Hj212QnRtn.UnknownError => "unknown error",
        _ => null,
    };

    /// <summary>What an ExeRtn means.</summary>
    public static string? Describe(Hj212ExeRtn result) => result switch
    {
        Hj212ExeRtn.Success => "success",
        Hj212ExeRtn.Failed => "failed, reason unknown",
        Hj212ExeRtn.RequestConditionError => "request-condition error",
        Hj212ExeRtn.CommunicationTimeout => "communication timeout",
        Hj212ExeRtn.SystemBusy => "system busy",
        Hj212ExeRtn.SystemFault => "system fault",
        Hj212ExeRtn.NoData => "no data",
        _ => null,
    };

    /// <summary>The edition's name, e.g. <c>HJ 212-2017</c>, or null for version bits no edition uses yet.</summary>
    public static string? Describe(Hj212Edition edition) => edition switch
    {
        Hj212Edition.Edition2005 => "HJ/T 212-2005",
        Hj212Edition.Edition2017 => "HJ 212-2017",
        Hj212Edition.Edition2025 => "HJ 212-2025",
        _ => null,
    };
}
