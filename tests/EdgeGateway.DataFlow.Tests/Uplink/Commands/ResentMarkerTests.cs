using System.Text;
using System.Text.Json;
using EdgeGateway.Uplink.Commands;

namespace EdgeGateway.DataFlow.Tests.Uplink.Commands;

public sealed class ResentMarkerTests
{
    [Fact]
    public void A_json_message_gets_resent_true_and_keeps_everything_else()
    {
        var original = """{"gatewayId":"gw","schemaVersion":1,"firstSequence":5,"lastSequence":5,"record":{"sequence":5,"unit":"mg/m\u00B3"}}"""u8.ToArray();

        var marked = ResentMarker.Mark(original);

        using var before = JsonDocument.Parse(original);
        using var after = JsonDocument.Parse(marked);
        Assert.True(after.RootElement.GetProperty("resent").GetBoolean());
        foreach (var property in before.RootElement.EnumerateObject())
        {
            Assert.True(JsonElement.DeepEquals(property.Value, after.RootElement.GetProperty(property.Name)), property.Name);
        }
    }

    [Fact]
    public void A_message_marked_twice_has_one_mark()
    {
        var marked = ResentMarker.Mark(ResentMarker.Mark("""{"a":1}"""u8.ToArray()));

        Assert.Equal("""{"a":1,"resent":true}""", Encoding.UTF8.GetString(marked));
    }

    [Theory]
    [InlineData("##0010QN=1&&&&ABCD\r\n")]
    [InlineData("{not json")]
    [InlineData("")]
    public void Anything_else_passes_unchanged(string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);

        Assert.Same(bytes, ResentMarker.Mark(bytes));
    }
}
