using System.Globalization;
using EdgeGateway.Hj212.Codes;

namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// Builds the packets the gateway sends on its own (2011, 2051, 2061, 2031, 2081) and the data answers it gives
/// to host requests (1011, 1061, 3015). Results are logical messages: a packet over the size limits goes through
/// <see cref="Splitting.Hj212PacketSplitter"/> before encoding.
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
