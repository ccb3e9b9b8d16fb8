using System.Globalization;
using EdgeGateway.Hj212.Codes;

namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// Builds the packets the gateway sends on its own (2011, 2051, 2061, 2031, 2081, 3020; 2025: 9015, 1013, 1001, 1014)
/// and the data answers it gives to host requests (1011, 1061, 1063, 3015, 3019, 3020). Results are logical messages:
/// a packet over the size limits goes through <see cref="Splitting.Hj212PacketSplitter"/> before encoding, and
/// <see cref="Crypto.Hj212CpCipher"/> encrypts the ones HJ 212-2025 encrypts. Flag carries the station's edition.
/// </summary>
public static class Hj212Uploads
{
    /// <summary>A 2011 real-time upload: <c>DataTime=…;f-SampleTime=…,f-Rtd=…,f-ZsRtd=…,f-Flag=N,f-EFlag=…;…</c>.</summary>
    /// <param name="station">Who sends.</param>
    /// <param name="qn">The upload's QN (see <see cref="Hj212QnClock"/>).</param>
    /// <param name="dataTime">Acquisition instant, site-local.</param>
    /// <param name="values">One value per factor, written one group per factor in this order.</param>
    /// <param name="numbers">Decimals per factor; <see cref="Hj212NumberFormat.Default"/> when null.</param>
    /// <param name="acknowledgementRequired">Sets Flag.A so the platform answers with 9014.</param>
    public static Hj212Packet RealTimeData(
        Hj212Station station,
        string qn,
        DateTime dataTime,
        IEnumerable<Hj212RealTimeValue> values,
        Hj212NumberFormat? numbers = null,
        bool acknowledgementRequired = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        numbers ??= Hj212NumberFormat.Default;
        var cp = new Hj212DataAreaBuilder().AddItem(Hj212FieldNames.DataTime, Hj212Time.Format(dataTime)).EndGroup();
        foreach (var value in values)
        {
            ArgumentException.ThrowIfNullOrEmpty(value.FactorCode, nameof(values));
            var code = value.FactorCode;
            if (value.SampleTime is { } sampleTime)
            {
                cp.AddItem(Hj212FieldNames.Factor(code, Hj212FactorField.SampleTime), Hj212Time.Format(sampleTime));
            }

            cp.AddItem(Hj212FieldNames.Factor(code, Hj212FactorField.Rtd), numbers.Format(code, value.Value));
            if (value.ConvertedValue is { } converted)
            {
                cp.AddItem(Hj212FieldNames.Factor(code, Hj212FactorField.ZsRtd), numbers.Format(code, converted));
            }

            cp.AddItem(Hj212FieldNames.Factor(code, Hj212FactorField.Flag), Hj212Codes.ToWire(value.Flag));
            if (value.ExtendedFlag is { } extendedFlag)
            {
                cp.AddItem(Hj212FieldNames.Factor(code, Hj212FactorField.EFlag), extendedFlag);
            }

            cp.EndGroup();
        }

        return Upload(station, qn, Hj212CommandCode.RealTimeData, cp.Build(), acknowledgementRequired);
    }

    /// <summary>A 2051 minute-data upload; <paramref name="periodStart"/> is the start of the interval.</summary>
    public static Hj212Packet MinuteData(
        Hj212Station station,
        string qn,
        DateTime periodStart,
        IEnumerable<Hj212PeriodValue> values,
        Hj212NumberFormat? numbers = null,
        bool acknowledgementRequired = false) =>
        PeriodData(Hj212CommandCode.MinuteData, station, qn, periodStart, values, numbers, acknowledgementRequired);

    /// <summary>A 2061 hourly-data upload; <paramref name="periodStart"/> is the start of the hour.</summary>
    public static Hj212Packet HourData(
        Hj212Station station,
        string qn,
        DateTime periodStart,
        IEnumerable<Hj212PeriodValue> values,
        Hj212NumberFormat? numbers = null,
        bool acknowledgementRequired = false) =>
        PeriodData(Hj212CommandCode.HourData, station, qn, periodStart, values, numbers, acknowledgementRequired);

    /// <summary>A 2031 daily-data upload; <paramref name="periodStart"/> is the start of the day.</summary>
    public static Hj212Packet DayData(
        Hj212Station station,
        string qn,
        DateTime periodStart,
        IEnumerable<Hj212PeriodValue> values,
        Hj212NumberFormat? numbers = null,
        bool acknowledgementRequired = false) =>
        PeriodData(Hj212CommandCode.DayData, station, qn, periodStart, values, numbers, acknowledgementRequired);

    /// <summary>
    /// A 2051, 2061 or 2031 upload: <c>DataTime=…;f-Cou=…,f-Min=…,f-Avg=…,f-Max=…,f-ZsMin=…,f-ZsAvg=…,f-ZsMax=…,f-Flag=N;…</c>
    /// with the fields each value has, in the order of the standard's examples (Cou first).
    /// </summary>
    /// <exception cref="ArgumentException">The command is not one of the three, or a value has no field set.</exception>
    public static Hj212Packet PeriodData(
        Hj212CommandCode command,
        Hj212Station station,
        string qn,
        DateTime periodStart,
        IEnumerable<Hj212PeriodValue> values,
        Hj212NumberFormat? numbers = null,
        bool acknowledgementRequired = false)
    {
        if (command is not (Hj212CommandCode.MinuteData or Hj212CommandCode.HourData or Hj212CommandCode.DayData))
        {
            throw new ArgumentException($"CN {(int)command} is not minute (2051), hourly (2061) or daily (2031) data", nameof(command));
        }

        ArgumentNullException.ThrowIfNull(values);
        numbers ??= Hj212NumberFormat.Default;
        var cp = new Hj212DataAreaBuilder().AddItem(Hj212FieldNames.DataTime, Hj212Time.Format(periodStart)).EndGroup();
        foreach (var value in values)
        {
            ArgumentException.ThrowIfNullOrEmpty(value.FactorCode, nameof(values));
            var code = value.FactorCode;
            var written = AddNumber(cp, code, Hj212FactorField.Cou, value.Cumulative, numbers)
                | AddNumber(cp, code, Hj212FactorField.Min, value.Minimum, numbers)
                | AddNumber(cp, code, Hj212FactorField.Avg, value.Average, numbers)
                | AddNumber(cp, code, Hj212FactorField.Max, value.Maximum, numbers)
                | AddNumber(cp, code, Hj212FactorField.ZsMin, value.ConvertedMinimum, numbers)
                | AddNumber(cp, code, Hj212FactorField.ZsAvg, value.ConvertedAverage, numbers)
                | AddNumber(cp, code, Hj212FactorField.ZsMax, value.ConvertedMaximum, numbers);
            if (value.Flag is { } flag)
            {
                cp.AddItem(Hj212FieldNames.Factor(code, Hj212FactorField.Flag), Hj212Codes.ToWire(flag));
                written = true;
            }

            if (!written)
            {
                throw new ArgumentException($"the period value of {code} has no field set", nameof(values));
            }

            cp.EndGroup();
        }

        return Upload(station, qn, command, cp.Build(), acknowledgementRequired);
    }

    /// <summary>A 2081 logger-restart upload: <c>DataTime=…;RestartTime=…</c>, sent once networked after power-on.</summary>
    public static Hj212Packet Restart(
        Hj212Station station,
        string qn,
        DateTime dataTime,
        DateTime restartTime,
        bool acknowledgementRequired = false)
    {
        var cp = new Hj212DataAreaBuilder()
            .AddGroup(new Hj212DataItem(Hj212FieldNames.DataTime, Hj212Time.Format(dataTime)))
            .AddGroup(new Hj212DataItem(Hj212FieldNames.RestartTime, Hj212Time.Format(restartTime)))
            .Build();
        return Upload(station, qn, Hj212CommandCode.LoggerRestart, cp, acknowledgementRequired);
    }

    /// <summary>
    /// 9015 heartbeat (HJ 212-2025 Table 12): <c>CP=&amp;&amp;&amp;&amp;</c>. With <paramref name="replyWanted"/> Flag.A is set
    /// (Flag 9 in 2025) and the platform answers 9013; without it (Flag 8) nothing comes back. The version bits are
    /// the station's edition, so a 2017 platform that wants heartbeats gets Flag 4 or 5.
    /// </summary>
    public static Hj212Packet Heartbeat(Hj212Station station, string qn, bool replyWanted) =>
        Upload(station, qn, Hj212CommandCode.Heartbeat, Hj212DataArea.Empty, replyWanted);

    /// <summary>
    /// 1013 time-calibration request, a notification (Flag.A set, answered with 9013; the host normally follows
    /// with a 1012): <c>[PolId=…]</c>, no PolId meaning the data logger's own clock.
    /// </summary>
    public static Hj212Packet TimeCalibrationRequest(Hj212Station station, string qn, string? polId = null)
    {
        var cp = polId is null ? Hj212DataArea.Empty : new Hj212DataAreaBuilder().AddItem(Hj212FieldNames.PolId, polId).Build();
        return Upload(station, qn, Hj212CommandCode.TimeCalibrationRequest, cp, acknowledgementRequired: true);
    }

    /// <summary>
    /// 1001 hardware identity (HJ 212-2025), a notification answered with 9013:
    /// <c>i23005-Info=&lt;logger ID&gt;;i23006-Info=&lt;CPU ID&gt;;i23007-Info=&lt;MAC&gt;[;i23008-Info=&lt;MAC&gt;]</c>.
    /// </summary>
    /// <param name="station">Who sends.</param>
    /// <param name="qn">The notification's QN.</param>
    /// <param name="loggerId">The data logger's ID (its MN).</param>
    /// <param name="cpuId">The CPU's serial number.</param>
    /// <param name="firstMac">The first network interface's MAC address, written as the platform wants it.</param>
    /// <param name="secondMac">The second one, or null when there is none.</param>
    public static Hj212Packet HardwareIdentity(Hj212Station station, string qn, string loggerId, string cpuId, string firstMac, string? secondMac = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(loggerId);
        ArgumentException.ThrowIfNullOrEmpty(cpuId);
        ArgumentException.ThrowIfNullOrEmpty(firstMac);
        var cp = new Hj212DataAreaBuilder()
            .AddGroup(new Hj212DataItem(Hj212FieldNames.LoggerIdInfo, loggerId))
            .AddGroup(new Hj212DataItem(Hj212FieldNames.CpuIdInfo, cpuId))
            .AddGroup(new Hj212DataItem(Hj212FieldNames.FirstMacInfo, firstMac));
        if (secondMac is not null)
        {
            cp.AddGroup(new Hj212DataItem(Hj212FieldNames.SecondMacInfo, secondMac));
        }

        return Upload(station, qn, Hj212CommandCode.HardwareIdentity, cp.Build(), acknowledgementRequired: true);
    }

    /// <summary>
    /// 1014 key request (HJ 212-2025, [CY] C7), a notification answered with 9013: <c>SKCreateTime=…</c>, when the
    /// key in use was made. The host then sets a new key with a 1014 of its own. Encrypted like the data commands.
    /// </summary>
    public static Hj212Packet KeyRequest(Hj212Station station, string qn, DateTime keyCreateTime)
    {
        var cp = new Hj212DataAreaBuilder().AddItem(Hj212FieldNames.SkCreateTime, Hj212Time.Format(keyCreateTime)).Build();
        return Upload(station, qn, Hj212CommandCode.KeyExchange, cp, acknowledgementRequired: true);
    }

    /// <summary>
    /// A 3020 field-information upload (logs, state, parameters of one instrument): <c>DataTime=…;PolId=…;item;…</c>,
    /// e.g. <c>i11001-Info=//清洗管路//</c>. Encrypted in HJ 212-2025.
    /// </summary>
    public static Hj212Packet FieldInformation(
        Hj212Station station,
        string qn,
        DateTime dataTime,
        string polId,
        IEnumerable<Hj212DataItem> items,
        bool acknowledgementRequired = false) =>
        Upload(station, qn, Hj212CommandCode.FieldInformation, FieldInformationArea(dataTime, polId, items), acknowledgementRequired);

    /// <summary>
    /// The 1011 answer to a get-time request, echoing its QN: <c>[PolId=…;]SystemTime=…</c>.
    /// </summary>
    /// <param name="station">Who answers.</param>
    /// <param name="request">The host's 1011 request.</param>
    /// <param name="systemTime">The clock that was asked for, site-local.</param>
    /// <param name="polId">The instrument asked about, or null for the logger's own clock.</param>
    public static Hj212Packet TimeResponse(Hj212Station station, Hj212Packet request, DateTime systemTime, string? polId = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cp = new Hj212DataAreaBuilder();
        if (polId is not null)
        {
            cp.AddGroup(new Hj212DataItem(Hj212FieldNames.PolId, polId));
        }

        cp.AddGroup(new Hj212DataItem(Hj212FieldNames.SystemTime, Hj212Time.Format(systemTime)));
        return Answer(station, request, Hj212CommandCode.GetTime, cp.Build());
    }

    /// <summary>The 1061 answer to a get-real-time-interval request, echoing its QN: <c>RtdInterval=30</c>.</summary>
    public static Hj212Packet RealTimeIntervalResponse(Hj212Station station, Hj212Packet request, int intervalSeconds)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalSeconds);
        var cp = new Hj212DataAreaBuilder()
            .AddItem(Hj212FieldNames.RtdInterval, intervalSeconds.ToString(CultureInfo.InvariantCulture))
            .Build();
        return Answer(station, request, Hj212CommandCode.GetRealTimeInterval, cp);
    }

    /// <summary>The 3015 answer to a sample-retention request, echoing its QN: <c>DataTime=…;VaseNo=1</c>.</summary>
    public static Hj212Packet SampleRetentionResponse(Hj212Station station, Hj212Packet request, DateTime dataTime, int vaseNumber)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cp = new Hj212DataAreaBuilder()
            .AddGroup(new Hj212DataItem(Hj212FieldNames.DataTime, Hj212Time.Format(dataTime)))
            .AddGroup(new Hj212DataItem(Hj212FieldNames.VaseNo, vaseNumber.ToString(CultureInfo.InvariantCulture)))
            .Build();
        return Answer(station, request, Hj212CommandCode.SampleRetention, cp);
    }

    /// <summary>The 1063 answer to a get-minute-interval request, echoing its QN: <c>MinInterval=10</c>.</summary>
    public static Hj212Packet MinuteIntervalResponse(Hj212Station station, Hj212Packet request, int intervalMinutes)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalMinutes);
        var cp = new Hj212DataAreaBuilder()
            .AddItem(Hj212FieldNames.MinInterval, intervalMinutes.ToString(CultureInfo.InvariantCulture))
            .Build();
        return Answer(station, request, Hj212CommandCode.GetMinuteInterval, cp);
    }

    /// <summary>The 3019 answer to an instrument-ID request, echoing its QN: <c>PolId=w01018;w01018-SN=…</c>.</summary>
    public static Hj212Packet InstrumentIdResponse(Hj212Station station, Hj212Packet request, string polId, string serialNumber)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(polId);
        ArgumentException.ThrowIfNullOrEmpty(serialNumber);
        var cp = new Hj212DataAreaBuilder()
            .AddGroup(new Hj212DataItem(Hj212FieldNames.PolId, polId))
            .AddGroup(new Hj212DataItem(Hj212FieldNames.Factor(polId, Hj212FactorField.SN), serialNumber))
            .Build();
        return Answer(station, request, Hj212CommandCode.InstrumentId, cp);
    }

    /// <summary>
    /// One 3020 answer to a field-information request, echoing its QN: <c>DataTime=…;PolId=…;i12001-Info=…</c>
    /// (each of <paramref name="items"/> in a group of its own). A request that yields several records gets one
    /// answer per record. Encrypted in HJ 212-2025.
    /// </summary>
    public static Hj212Packet FieldInformationResponse(
        Hj212Station station,
        Hj212Packet request,
        DateTime dataTime,
        string polId,
        IEnumerable<Hj212DataItem> items)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Answer(station, request, Hj212CommandCode.FieldInformation, FieldInformationArea(dataTime, polId, items));
    }

    private static Hj212DataArea FieldInformationArea(DateTime dataTime, string polId, IEnumerable<Hj212DataItem> items)
    {
        ArgumentException.ThrowIfNullOrEmpty(polId);
        ArgumentNullException.ThrowIfNull(items);
        var cp = new Hj212DataAreaBuilder()
            .AddGroup(new Hj212DataItem(Hj212FieldNames.DataTime, Hj212Time.Format(dataTime)))
            .AddGroup(new Hj212DataItem(Hj212FieldNames.PolId, polId));
        foreach (var item in items)
        {
            cp.AddGroup(item);
        }

        return cp.Build();
    }

    private static bool AddNumber(
        Hj212DataAreaBuilder cp,
        string code,
        Hj212FactorField field,
        double? value,
        Hj212NumberFormat numbers)
    {
        if (value is not { } number)
        {
            return false;
        }

        cp.AddItem(Hj212FieldNames.Factor(code, field), numbers.Format(code, number));
        return true;
    }

    private static Hj212Packet Upload(
        Hj212Station station,
        string qn,
        Hj212CommandCode command,
        Hj212DataArea cp,
        bool acknowledgementRequired)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentException.ThrowIfNullOrEmpty(qn);
        return new Hj212Packet
        {
            Qn = qn,
            St = station.St,
            Cn = Hj212Codes.ToWire(command),
            Pw = station.Pw,
            Mn = station.Mn,
            Flag = Hj212Flag.Create(station.Edition, acknowledgementRequired),
            Cp = cp,
        };
    }

    // A data answer inside a request flow carries the request's QN so the host can match it (§6.5).
    private static Hj212Packet Answer(Hj212Station station, Hj212Packet request, Hj212CommandCode command, Hj212DataArea cp)
    {
        ArgumentNullException.ThrowIfNull(station);
        return new Hj212Packet
        {
            Qn = request.Qn,
            St = station.St,
            Cn = Hj212Codes.ToWire(command),
            Pw = station.Pw,
            Mn = station.Mn,
            Flag = Hj212Flag.Create(station.Edition),
            Cp = cp,
        };
    }
}
