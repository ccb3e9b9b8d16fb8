using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Tests;

public sealed class Hj212DataAreaTests
{
    private static Hj212DataArea Parse(string text)
    {
        Assert.True(Hj212DataArea.TryParse(text, out var area, out var error), error);
        return area;
    }

    [Theory]
    [InlineData("")]
    [InlineData("RtdInterval=30")]
    [InlineData("DataTime=20160801085857;w01018-Rtd=2.2,w01018-Flag=N")]
    [InlineData("a=1;")]
    [InlineData(";a=1")]
    [InlineData("a=1;;b=2")]
    [InlineData("a=")]
    [InlineData("k=v=w")]
    [InlineData("i11001-Info=//清洗;管路,完成//;PolId=w01018")]
    public void Text_round_trips(string text)
    {
        Assert.Equal(text, Parse(text).ToString());
    }

    [Fact]
    public void Log_text_may_hold_separators()
    {
        var area = Parse("DataTime=20100301145000;i11001-Info=//a;b,c=d//,i11001-SN=1");

        Assert.Equal(2, area.Groups.Count);
        Assert.Equal("//a;b,c=d//", area.GetValue("i11001-Info"));
        Assert.Equal("1", area.GetFactorValue("i11001", Hj212FactorField.SN));
    }

    [Fact]
    public void Groups_keep_order_and_items_are_found_across_groups()
    {
        var area = Parse("BeginTime=20160801000000,EndTime=20160801235959;PolId=w01018");

        Assert.Equal(2, area.Groups.Count);
        Assert.Equal(3, area.ItemCount);
        Assert.True(area.TryGetTime("EndTime", out var end));
        Assert.Equal(new DateTime(2016, 8, 1, 23, 59, 59), end);
        Assert.Equal("w01018", area.GetValue("PolId"));
        Assert.Null(area.GetValue("polid"));
    }

    [Fact]
    public void Typed_accessors_read_values_and_refuse_what_does_not_parse()
    {
        var area = Parse("n=12,bad=1.2.3,f=T,g=X,t=20160801085857");

        Assert.True(area.TryGetInt32("n", out var n));
        Assert.Equal(12, n);
        Assert.False(area.TryGetDecimal("bad", out _));
        Assert.False(area.TryGetDouble("missing", out _));
        Assert.True(area.TryGetDataFlag("f", out var flag));
        Assert.Equal(Hj212DataFlag.OverRange, flag);
        Assert.False(area.TryGetDataFlag("g", out _));
        Assert.False(area.TryGetTime("n", out _));
    }

    [Fact]
    public void Equal_areas_compare_equal_and_hash_alike()
    {
        var a = Parse("DataTime=1;w01018-Rtd=2.2,w01018-Flag=N");
        var b = new Hj212DataAreaBuilder()
            .AddItem("DataTime", "1").EndGroup()
            .AddItem("w01018-Rtd", "2.2").AddItem("w01018-Flag", "N")
            .Build();

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Parse("DataTime=1,w01018-Rtd=2.2,w01018-Flag=N"));
    }

    [Fact]
    public void Factor_field_names_split_at_the_first_dash()
    {
        Assert.True(Hj212FieldNames.TrySplitFactorField("w01018-ZsRtd", out var code, out var suffix));
        Assert.Equal("w01018", code);
        Assert.Equal("ZsRtd", suffix);
        Assert.True(Hj212FieldNames.TryParseSuffix(suffix, out var field));
        Assert.Equal(Hj212FactorField.ZsRtd, field);
        Assert.False(Hj212FieldNames.TrySplitFactorField("DataTime", out _, out _));
        Assert.Equal("a21026-Cou", Hj212FieldNames.Factor("a21026", Hj212FactorField.Cou));
    }
}
