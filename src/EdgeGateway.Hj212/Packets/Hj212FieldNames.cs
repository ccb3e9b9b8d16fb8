namespace EdgeGateway.Hj212.Packets;

/// <summary>Field names of the CP data area (HJ 212-2017 Table 4) and the <c>factor-Suffix</c> naming rule.</summary>
public static class Hj212FieldNames
{
    /// <summary>Acquisition instant (2011) or start of the period (2051/2061/2031).</summary>
    public const string DataTime = "DataTime";

    /// <summary>Start of a history request's range.</summary>
    public const string BeginTime = "BeginTime";

    /// <summary>End of a history request's range.</summary>
    public const string EndTime = "EndTime";

    /// <summary>The logger's power-on time (2081).</summary>
    public const string RestartTime = "RestartTime";

    /// <summary>The clock value of 1011/1012.</summary>
    public const string SystemTime = "SystemTime";

    /// <summary>Which instrument a command is about; absent means the data logger itself.</summary>
    public const string PolId = "PolId";

    /// <summary>Real-time data interval in seconds (1061/1062).</summary>
    public const string RtdInterval = "RtdInterval";

    /// <summary>Minute-data interval in minutes (1063/1064).</summary>
    public const string MinInterval = "MinInterval";

    /// <summary>Request answer code of 9011.</summary>
    public const string QnRtn = "QnRtn";

    /// <summary>Execution result code of 9012.</summary>
    public const string ExeRtn = "ExeRtn";

    /// <summary>Sample bottle number (3015).</summary>
    public const string VaseNo = "VaseNo";

    /// <summary>Field-information code (3020/3021).</summary>
    public const string InfoId = "InfoId";

    /// <summary>Reply timeout in seconds (1000).</summary>
    public const string OverTime = "OverTime";

    /// <summary>Resend count (1000).</summary>
    public const string ReCount = "ReCount";

    /// <summary>New access password (1072).</summary>
    public const string NewPw = "NewPW";

    /// <summary>3011 (HJ 212-2025): 0 zero calibration, 1 span calibration.</summary>
    public const string CalibrationType = "CalibrationType";

    /// <summary>1014 (HJ 212-2025): when the key was made, <c>YYYYMMDDhhmmss</c>.</summary>
    public const string SkCreateTime = "SKCreateTime";

    /// <summary>1014 (HJ 212-2025): the new SM4 key, 16 characters.</summary>
    public const string NewSk = "NewSK";

    /// <summary>1001/1002 (HJ 212-2025): the data logger's ID, i.e. its MN.</summary>
    public const string LoggerIdInfo = "i23005-Info";

    /// <summary>1001 (HJ 212-2025): the data logger's CPU ID.</summary>
    public const string CpuIdInfo = "i23006-Info";

    /// <summary>1001 (HJ 212-2025): the data logger's first MAC address.</summary>
    public const string FirstMacInfo = "i23007-Info";

    /// <summary>1001 (HJ 212-2025): the data logger's second MAC address.</summary>
    public const string SecondMacInfo = "i23008-Info";

    /// <summary>The suffix text of a factor field, e.g. <c>Rtd</c>.</summary>
    public static string Suffix(Hj212FactorField field) => field switch
    {
        Hj212FactorField.Rtd => "Rtd",
        Hj212FactorField.Min => "Min",
        Hj212FactorField.Avg => "Avg",
        Hj212FactorField.Max => "Max",
        Hj212FactorField.Cou => "Cou",
        Hj212FactorField.ZsRtd => "ZsRtd",
        Hj212FactorField.ZsMin => "ZsMin",
        Hj212FactorField.ZsAvg => "ZsAvg",
        Hj212FactorField.ZsMax => "ZsMax",
        Hj212FactorField.Flag => "Flag",
        Hj212FactorField.EFlag => "EFlag",
        Hj212FactorField.SampleTime => "SampleTime",
        Hj212FactorField.SN => "SN",
        Hj212FactorField.Info => "Info",
        Hj212FactorField.RS => "RS",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a factor field"),
    };

    /// <summary>Parses a suffix text (case-sensitive) into the enum.</summary>
    public static bool TryParseSuffix(ReadOnlySpan<char> suffix, out Hj212FactorField field)
    {
        switch (suffix)
        {
            case "Rtd": field = Hj212FactorField.Rtd; return true;
            case "Min": field = Hj212FactorField.Min; return true;
            case "Avg": field = Hj212FactorField.Avg; return true;
            case "Max": field = Hj212FactorField.Max; return true;
            case "Cou": field = Hj212FactorField.Cou; return true;
            case "ZsRtd": field = Hj212FactorField.ZsRtd; return true;
            case "ZsMin": field = Hj212FactorField.ZsMin; return true;
            case "ZsAvg": field = Hj212FactorField.ZsAvg; return true;
            case "ZsMax": field = Hj212FactorField.ZsMax; return true;
            case "Flag": field = Hj212FactorField.Flag; return true;
            case "EFlag": field = Hj212FactorField.EFlag; return true;
            case "SampleTime": field = Hj212FactorField.SampleTime; return true;
            case "SN": field = Hj212FactorField.SN; return true;
            case "Info": field = Hj212FactorField.Info; return true;
            case "RS": field = Hj212FactorField.RS; return true;
            default: field = default; return false;
        }
    }

    /// <summary>The field name of a factor value, e.g. <c>Factor("w01018", Rtd)</c> is <c>w01018-Rtd</c>.</summary>
    public static string Factor(string factorCode, Hj212FactorField field)
    {
        ArgumentException.ThrowIfNullOrEmpty(factorCode);
        return string.Concat(factorCode, "-", Suffix(field));
    }

    /// <summary>
    /// Splits a name such as <c>w01018-Rtd</c> (or <c>SB1-RS</c>) at its first <c>-</c>; false for names without a
    /// factor part such as <c>DataTime</c>.
    /// </summary>
    public static bool TrySplitFactorField(string name, out string factorCode, out string suffix)
    {
        ArgumentNullException.ThrowIfNull(name);
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == name.Length - 1)
        {
            factorCode = string.Empty;
            suffix = string.Empty;
            return false;
        }

        factorCode = name[..dash];
        suffix = name[(dash + 1)..];
        return true;
    }

    /// <summary>True for a name that belongs to some factor (has a <c>code-suffix</c> shape).</summary>
    public static bool IsFactorField(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && dash < name.Length - 1;
    }

    /// <summary>True when <paramref name="name"/> is exactly <c>factorCode-suffix</c>; compares without allocating.</summary>
    internal static bool IsFactorField(string name, string factorCode, string suffix) =>
        name.Length == factorCode.Length + 1 + suffix.Length
        && name[factorCode.Length] == '-'
        && name.StartsWith(factorCode, StringComparison.Ordinal)
        && name.EndsWith(suffix, StringComparison.Ordinal);
}
