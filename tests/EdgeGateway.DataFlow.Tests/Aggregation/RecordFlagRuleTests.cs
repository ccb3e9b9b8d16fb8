using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;

namespace EdgeGateway.DataFlow.Tests.Aggregation;

/// <summary>The record-flag rules on counts written as "N9 D3" (9 N items, 3 D items).</summary>
public sealed class RecordFlagRuleTests
{
    [Theory]
    [InlineData("N9 D3", DataFlag.N)] // 9/12 = 75 %: the edge is still normal
    [InlineData("N8 D4", DataFlag.D)] // 8/12 = 66.7 %
    [InlineData("N3 C1", DataFlag.N)] // 3/4 = 75 %
    [InlineData("N2 C1 B1", DataFlag.D)] // 2/4 = 50 %, whatever the other flags are: the standard says D
    [InlineData("B12", DataFlag.B)] // a minute of nothing but bus errors is B: the analyzer was unreachable, not faulty
    [InlineData("N2 B10", DataFlag.B)] // every abnormal item is B: an outage (the analyzer was unreachable), not a fault
    [InlineData("N31 B29", DataFlag.B)] // a minute with a 30 s analyzer outage
    [InlineData("N2 D1 B9", DataFlag.D)] // mixed abnormal items: D, as the standard says
    [InlineData("N45 D15", DataFlag.N)] // an hour: 45 of 60 minute records
    [InlineData("N44 D16", DataFlag.D)]
    [InlineData("N18 D6", DataFlag.N)] // a day: 18 of 24 hours
    [InlineData("N17 D7", DataFlag.D)]
    [InlineData("N6 S3 D3", DataFlag.S)] // N < 75 % but N + S = 75 %: valid manual data, not a fault
    [InlineData("N6 S2 D4", DataFlag.D)] // N + S = 66.7 %
    [InlineData("S12", DataFlag.S)]
    [InlineData("", DataFlag.B)] // nothing at all
    public void Flue_gas_is_normal_when_at_least_75_percent_is_normal(string counts, DataFlag expected) =>
        Assert.Equal(expected, RecordFlagRule.Combine(OutletKind.FlueGas, Parse(counts)));

    [Theory]
    [InlineData(OutletKind.FlueGas, "N31", DataFlag.B)] // 29 samples never arrived: the analyzer was out
    [InlineData(OutletKind.FlueGas, "N5", DataFlag.B)]
    [InlineData(OutletKind.FlueGas, "S5", DataFlag.B)]
    [InlineData(OutletKind.FlueGas, "N19 D5", DataFlag.D)] // a day: 79 % N but 19 < 20 valid hours
    [InlineData(OutletKind.Wastewater, "N5", DataFlag.B)]
    [InlineData(OutletKind.Wastewater, "N5 C1", DataFlag.C)]
    public void Analyzer_outages_a_record_with_too_few_valid_items_is_never_flag_N(OutletKind kind, string counts, DataFlag expected) =>
        Assert.Equal(expected, RecordFlagRule.Combine(kind, Parse(counts), isValid: false));

    [Theory]
    [InlineData("N12")]
    [InlineData("N9 D3")]
    [InlineData("N6 S3 D3")]
    public void A_valid_record_keeps_the_flag_of_its_items(string counts) =>
        Assert.Equal(RecordFlagRule.Combine(OutletKind.FlueGas, Parse(counts)), RecordFlagRule.Combine(OutletKind.FlueGas, Parse(counts), isValid: true));

    [Theory]
    [InlineData("N12", DataFlag.N)]
    [InlineData("N11 T1", DataFlag.T)] // one abnormal sample is enough
    [InlineData("N11 S1", DataFlag.S)] // S is the weakest abnormal flag
    [InlineData("N1 S1 T1", DataFlag.T)]
    [InlineData("T1 F1", DataFlag.F)]
    [InlineData("F1 M1", DataFlag.M)]
    [InlineData("M1 C1", DataFlag.C)]
    [InlineData("N10 C1 D1", DataFlag.D)]
    [InlineData("N1 D1 B1", DataFlag.B)] // B outranks everything
    [InlineData("N11 B1", DataFlag.B)]
    [InlineData("", DataFlag.B)]
    public void Wastewater_takes_the_most_serious_abnormal_flag_present(string counts, DataFlag expected) =>
        Assert.Equal(expected, RecordFlagRule.Combine(OutletKind.Wastewater, Parse(counts)));

    [Fact]
    public void Wastewater_precedence_is_b_d_c_m_f_t_s() =>
        Assert.Equal([DataFlag.B, DataFlag.D, DataFlag.C, DataFlag.M, DataFlag.F, DataFlag.T, DataFlag.S], RecordFlagRule.WastewaterPrecedence);

    private static FlagCounts Parse(string counts)
    {
        var byFlag = new int[8];
        foreach (var part in counts.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            byFlag[(int)Enum.Parse<DataFlag>(part[..1])] = int.Parse(part[1..], System.Globalization.CultureInfo.InvariantCulture);
        }

        return new FlagCounts(byFlag[0], byFlag[1], byFlag[2], byFlag[3], byFlag[4], byFlag[5], byFlag[6], byFlag[7]);
    }
}
