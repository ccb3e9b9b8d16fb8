using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Tests;

public sealed class Hj212FlagTests
{
    [Theory]
    [InlineData(Hj212Edition.Edition2017, false, false, 4)]
    [InlineData(Hj212Edition.Edition2017, true, false, 5)]
    [InlineData(Hj212Edition.Edition2017, false, true, 6)]
    [InlineData(Hj212Edition.Edition2017, true, true, 7)]
    [InlineData(Hj212Edition.Edition2005, false, false, 0)]
    [InlineData(Hj212Edition.Edition2005, true, true, 3)]
    [InlineData(Hj212Edition.Edition2025, false, false, 8)]
    [InlineData(Hj212Edition.Edition2025, true, false, 9)]
    [InlineData(Hj212Edition.Edition2025, false, true, 10)]
    [InlineData(Hj212Edition.Edition2025, true, true, 11)]
    public void Flag_value_is_version_bits_then_D_then_A(Hj212Edition edition, bool acknowledgementRequired, bool split, int value)
    {
        var flag = Hj212Flag.Create(edition, acknowledgementRequired, split);

        Assert.Equal(value, flag.Value);
        Assert.Equal(edition, flag.Edition);
        Assert.Equal((int)edition, flag.VersionBits);
        Assert.Equal(acknowledgementRequired, flag.AcknowledgementRequired);
        Assert.Equal(split, flag.IsSplit);
        Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), flag.ToString());
    }

    [Fact]
    public void Split_and_acknowledgement_bits_toggle_without_touching_the_version()
    {
        var flag = new Hj212Flag(5);

        Assert.Equal(7, flag.WithSplit(true).Value);
        Assert.Equal(5, flag.WithSplit(true).WithSplit(false).Value);
        Assert.Equal(4, flag.WithAcknowledgementRequired(false).Value);
        Assert.Equal(11, new Hj212Flag(9).WithSplit(true).Value);
    }

    [Fact]
    public void Version_bits_beyond_the_known_editions_are_kept()
    {
        var flag = new Hj212Flag(0b1111_1101);

        Assert.Equal(63, flag.VersionBits);
        Assert.True(flag.AcknowledgementRequired);
        Assert.False(flag.IsSplit);
    }
}
