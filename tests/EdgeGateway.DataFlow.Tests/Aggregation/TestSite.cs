using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;

namespace EdgeGateway.DataFlow.Tests.Aggregation;

/// <summary>
/// A site with a flue-gas outlet (SO2, NOx, O2, flow, temperature, a particulate totaliser) and a wastewater outlet
/// (COD, NH3-N, pH, flow), polled every 5 s, on China Standard Time. Times are written in site time (+08:00).
/// </summary>
internal static class TestSite
{
    public const int So2 = 0;
    public const int Nox = 1;
    public const int O2 = 2;
    public const int GasFlow = 3;
    public const int GasTemperature = 4;
    public const int ParticulateTotal = 5;
    public const int Cod = 6;
    public const int Nh3n = 7;
    public const int Ph = 8;
    public const int WaterFlow = 9;
    public const int Unassigned = 10;

    public static TimeSpan Cst { get; } = TimeSpan.FromHours(8);

    public static TimeSpan Poll { get; } = TimeSpan.FromSeconds(5);

    public static ChannelTable Channels() => new(
    [
        new ChannelDefinition(So2, "cems", "so2", "a21026", "mg/m³", null),
        new ChannelDefinition(Nox, "cems", "nox", "a21002", "mg/m³", null),
        new ChannelDefinition(O2, "cems", "o2", "a19001", "%", null),
        new ChannelDefinition(GasFlow, "flow", "flow", "a00000", "m³/s", null),
        new ChannelDefinition(GasTemperature, "cems", "temperature", "a01012", "°C", null),
        new ChannelDefinition(ParticulateTotal, "dust", "particulate-total", "a34013", "kg", null),
        new ChannelDefinition(Cod, "water", "cod", "w01018", "mg/L", null),
        new ChannelDefinition(Nh3n, "water", "nh3n", "w21003", "mg/L", null),
        new ChannelDefinition(Ph, "water", "ph", "w01001", "", null),
        new ChannelDefinition(WaterFlow, "water", "flow", "w00000", "L/s", null),
        new ChannelDefinition(Unassigned, "cems", "heated-line", "i33001", "°C", null),
    ]);

    /// <summary>Coal boiler stack: reference O2 6 %, 1-minute records.</summary>
    public static OutletRules FlueGas(int minuteInterval = 1) => new()
    {
        Name = "stack",
        Kind = OutletKind.FlueGas,
        Channels = [So2, Nox, O2, GasFlow, GasTemperature, ParticulateTotal],
        OxygenChannel = O2,
        ReferenceOxygenPercent = 6,
        FlowChannel = GasFlow,
        MinuteIntervalMinutes = minuteInterval,
    };

    public static OutletRules Wastewater(int minuteInterval = 1) => new()
    {
        Name = "drain",
        Kind = OutletKind.Wastewater,
        Channels = [Cod, Nh3n, Ph, WaterFlow],
        FlowChannel = WaterFlow,
        MinuteIntervalMinutes = minuteInterval,
    };

    /// <summary>An aggregator without close delay unless told: a window closes the instant time reaches its end.</summary>
    public static Aggregator Create(params OutletRules[] outlets) => Create(TimeSpan.Zero, outlets);

    public static Aggregator Create(TimeSpan closeDelay, params OutletRules[] outlets) =>
        new(new AggregationSettings { Outlets = outlets, CloseDelay = closeDelay }, Channels());

    /// <summary>2024-03-01 (a leap year's February is just behind) at the given site time.</summary>
    public static DateTimeOffset Local(int hour, int minute = 0, int second = 0) => new(2024, 3, 1, hour, minute, second, Cst);

    /// <summary>A reading as the pipeline makes it: B readings have no value.</summary>
    public static Reading At(int channel, DateTimeOffset time, double value, DataFlag flag = DataFlag.N) =>
        new(channel, time.UtcTicks, value, flag == DataFlag.B ? double.NaN : value, flag, flag == DataFlag.N ? FlagReason.None : FlagReason.AnalyzerFault);

    /// <summary>Poll instants from <paramref name="from"/> (included) to <paramref name="to"/> (excluded), every 5 s.</summary>
    public static IEnumerable<DateTimeOffset> Polls(DateTimeOffset from, DateTimeOffset to)
    {
        for (var time = from; time < to; time += Poll)
        {
            yield return time;
        }
    }

    /// <summary>Feeds the readings one by one, collecting every record closed on the way.</summary>
    public static List<AggregateRecord> Feed(Aggregator aggregator, IEnumerable<Reading> readings)
    {
        var records = new List<AggregateRecord>();
        foreach (var reading in readings)
        {
            records.AddRange(aggregator.Add(reading));
        }

        return records;
    }

    public static IEnumerable<AggregateRecord> Of(this IEnumerable<AggregateRecord> records, int channel, AggregatePeriod period) =>
        records.Where(record => record.Channel == channel && record.Period == period);

    public static AggregateRecord Single(this IEnumerable<AggregateRecord> records, int channel, AggregatePeriod period) =>
        Assert.Single(records.Of(channel, period));

    public static AggregateRecord Starting(this IEnumerable<AggregateRecord> records, int channel, AggregatePeriod period, DateTimeOffset localStart) =>
        Assert.Single(records.Of(channel, period), record => record.StartUtc == localStart);
}
