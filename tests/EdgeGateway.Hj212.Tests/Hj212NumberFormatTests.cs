using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Tests;

public sealed class Hj212NumberFormatTests
{
    [Theory]
    [InlineData(1e-7, 3, "0.000")]
    [InlineData(1.5e20, 1, "150000000000000000000.0")]
    [InlineData(-0.0004, 3, "0.000")]
    [InlineData(-0.0, 2, "0.00")]
    [InlineData(-0.052, 3, "-0.052")]
    [InlineData(2.5, 0, "2")]
    [InlineData(3.5, 0, "4")]
    [InlineData(1425, 0, "1425")]
    [InlineData(0.09055002, 8, "0.09055002")]
    [InlineData(1.0 / 3, 15, "0.333333333333333")]
    [InlineData(1e50, 2, "100000000000000007629769841091887003294964970946560.00")]
    public void Numbers_are_fixed_point_invariant_without_exponent_or_negative_zero(double value, int decimals, string expected)
    {
        Assert.Equal(expected, Hj212NumberFormat.Format(value, decimals));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Non_finite_values_are_refused(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Hj212NumberFormat.Format(value, 2));
    }

    [Fact]
    public void Decimals_are_chosen_per_factor()
    {
        var numbers = new Hj212NumberFormat(3, new Dictionary<string, int> { ["w01018"] = 1 });

        Assert.Equal("12.3", numbers.Format("w01018", 12.34));
        Assert.Equal("12.340", numbers.Format("w21003", 12.34));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Hj212NumberFormat(16));
    }

    [Theory]
    [InlineData("1.5E3", 1500)]
    [InlineData("-0.052", -0.052)]
    [InlineData("+7", 7)]
    public void Received_numbers_parse_invariantly(string text, double expected)
    {
        Assert.True(Hj212NumberFormat.TryParse(text, out double value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("NaN")]
    [InlineData("")]
    [InlineData(" 1")]
    public void Received_non_numbers_do_not_parse(string text)
    {
        Assert.False(Hj212NumberFormat.TryParse(text, out double _));
    }
}
