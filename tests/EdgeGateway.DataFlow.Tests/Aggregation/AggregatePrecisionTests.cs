using EdgeGateway.Pipeline.Aggregation;
using static EdgeGateway.DataFlow.Tests.Aggregation.TestSite;

namespace EdgeGateway.DataFlow.Tests.Aggregation;

/// <summary>Issue 17 item 8: minute averages such as 98765.43200000002 for twelve readings of 98765.432.</summary>
public sealed class AggregatePrecisionTests
{
    [Fact]
    public void Float32_noise_a_minute_average_of_twelve_readings_of_98765_432_is_98765_432_not_98765_43200000002()
    {
        var aggregator = Create(FlueGas());
        var readings = Polls(Local(10), Local(10, 1)).Select(time => At(GasTemperature, time, 98765.432));

        var minute = Feed(aggregator, readings).Concat(aggregator.Advance(Local(10, 1))).Single(GasTemperature, AggregatePeriod.Minute);

        // 12 × 98765.432 / 12 in doubles is 98765.43200000002; nine significant digits keep 98765.4320.
        Assert.Equal("98765.432", System.Text.Json.JsonSerializer.Serialize(minute.Avg));
        Assert.Equal(98765.432, minute.Avg);
    }

    [Theory]
    [InlineData(98765.43200000002, 98765.432)]
    [InlineData(0.30000000000000004, 0.3)]
    [InlineData(-12.345678949, -12.3456789)]
    // A mass in kg: 0.000123456789012 keeps nine digits, 0.000123456789.
    [InlineData(0.000123456789012, 0.000123456789)]
    // 12345678901 (11 digits) rounds to hundreds.
    [InlineData(12345678901.0, 12345678900.0)]
    [InlineData(0.0, 0.0)]
    public void Values_are_rounded_to_nine_significant_digits(double value, double expected)
    {
        Assert.Equal(expected, AggregatePrecision.Round(value));
    }

    [Fact]
    public void Nan_and_infinities_stay()
    {
        Assert.True(double.IsNaN(AggregatePrecision.Round(double.NaN)));
        Assert.Equal(double.PositiveInfinity, AggregatePrecision.Round(double.PositiveInfinity));
    }
}
