using EdgeGateway.Pipeline.Aggregation;
using static EdgeGateway.DataFlow.Tests.Aggregation.TestSite;

namespace EdgeGateway.DataFlow.Tests.Aggregation;

/// <summary>Configuration mistakes are refused when the aggregator is built, with the outlet named.</summary>
public sealed class OutletRulesValidationTests
{
    public static TheoryData<string, string> Mistakes => new()
    {
        { "interval 7", "CN 1064" },
        { "interval 60", "CN 1064" },
        { "O2 without reference", "both the O2 channel and the reference O2" },
        { "reference without O2", "both the O2 channel and the reference O2" },
        { "reference 21", "outside 0 to 21" },
        { "O2 not in outlet", "not one of the outlet's channels" },
        { "totaliser as flow", "not a flow" },
        { "unknown channel", "not in the channel table" },
        { "channel twice", "twice" },
        { "poll longer than interval", "poll interval" },
        { "share shorter than poll", "max sample share" },
        { "fraction 1.5", "MinSampleFraction" },
        { "no channels", "no channels" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_bad_outlet_is_refused(string mistake, string message)
    {
        var rules = mistake switch
        {
            "interval 7" => FlueGas(7),
            "interval 60" => FlueGas(60),
            "O2 without reference" => FlueGas() with { ReferenceOxygenPercent = null },
            "reference without O2" => FlueGas() with { OxygenChannel = null },
            "reference 21" => FlueGas() with { ReferenceOxygenPercent = 21 },
            "O2 not in outlet" => FlueGas() with { Channels = [So2, GasFlow] },
            "totaliser as flow" => FlueGas() with { FlowChannel = ParticulateTotal },
            "unknown channel" => FlueGas() with { Channels = [So2, O2, GasFlow, 42] },
            "channel twice" => FlueGas() with { Channels = [So2, So2, O2, GasFlow] },
            "poll longer than interval" => FlueGas() with { PollInterval = TimeSpan.FromMinutes(2) },
            "share shorter than poll" => FlueGas() with { MaxSampleShare = TimeSpan.FromSeconds(1) },
            "fraction 1.5" => FlueGas() with { Validity = new ValidityThresholds { MinSampleFraction = 1.5 } },
            "no channels" => Wastewater() with { Channels = [], FlowChannel = null },
            _ => throw new ArgumentOutOfRangeException(nameof(mistake)),
        };

        var exception = Assert.Throws<ArgumentException>(() => Create(rules));

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
        Assert.Contains($"outlet {rules.Name}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Converted_values_are_for_flue_gas_only() =>
        Assert.Throws<ArgumentException>(() => Create(Wastewater() with { Channels = [Cod, O2, WaterFlow], OxygenChannel = O2, ReferenceOxygenPercent = 6 }));

    [Fact]
    public void A_channel_belongs_to_one_outlet() =>
        Assert.Throws<ArgumentException>(() => Create(FlueGas(), Wastewater() with { Channels = [Cod, So2, WaterFlow] }));

    [Fact]
    public void Outlet_names_are_unique() =>
        Assert.Throws<ArgumentException>(() => Create(FlueGas(), Wastewater() with { Name = "stack" }));

    [Fact]
    public void The_close_delay_must_be_shorter_than_the_minute_interval() =>
        Assert.Throws<ArgumentException>(() => Create(TimeSpan.FromMinutes(1), FlueGas()));

    [Fact]
    public void Every_interval_cn_1064_allows_is_accepted()
    {
        foreach (var interval in OutletRules.AllowedMinuteIntervals)
        {
            Create(Wastewater(interval));
        }
    }
}
