using System.Text.Json;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;

namespace EdgeGateway.DataFlow.Tests.Control;

/// <summary>The argument <c>onBehalfOf</c> of audited commands, and the audit trail's field of the same name.</summary>
public sealed class OnBehalfOfTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("""{"action":"start"}""", null)]
    [InlineData("""{"onBehalfOf":null}""", null)]
    [InlineData("""{"onBehalfOf":"alice"}""", "alice")]
    [InlineData("""{"onBehalfOf":"a.li_ce-2@example.org"}""", "a.li_ce-2@example.org")]
    public void A_user_name_or_nothing_is_taken(string args, string? expected)
    {
        Assert.True(OnBehalfOf.TryRead(JsonDocument.Parse(args).RootElement, out var onBehalfOf, out _));
        Assert.Equal(expected, onBehalfOf);
    }

    [Theory]
    [InlineData("""{"onBehalfOf":""}""")]
    [InlineData("""{"onBehalfOf":"alice smith"}""")]
    [InlineData("""{"onBehalfOf":"alice\n2026-12-07 root"}""")]
    [InlineData("""{"onBehalfOf":"al(ice)"}""")]
    [InlineData("""{"onBehalfOf":"ålice"}""")]
    [InlineData("""{"onBehalfOf":42}""")]
    public void Anything_else_is_refused_naming_the_argument_and_its_shape(string args)
    {
        Assert.False(OnBehalfOf.TryRead(JsonDocument.Parse(args).RootElement, out _, out var error));
        Assert.Equal("onBehalfOf is a user name of 1 to 64 characters among A-Z a-z 0-9 . _ @ -", error);
    }

    [Fact]
    public void Sixty_four_characters_are_taken_and_sixty_five_are_not()
    {
        Assert.True(OnBehalfOf.TryRead(JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["onBehalfOf"] = new('a', 64) }), out _, out _));
        Assert.False(OnBehalfOf.TryRead(JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["onBehalfOf"] = new('a', 65) }), out _, out _));
    }

    [Fact]
    public void The_audit_trail_keeps_on_behalf_of_and_still_reads_lines_written_before_it_existed()
    {
        var directory = Directory.CreateTempSubdirectory("egw-audit-").FullName;
        try
        {
            var path = Path.Combine(directory, "audit.log");
            File.WriteAllText(path, """{"at":"2026-12-07T07:00:00+00:00","userId":0,"user":"root","action":"maintenance-start","target":"device dust","reason":"filter","before":"none","after":"maintenance until 2026-12-07T09:00:00Z"}""" + "\n");
            new AuditTrail(path).Append(new AuditEntry(Now, 998, "egw-console", "maintenance-stop", "device dust", null, "maintenance until 2026-12-07T09:00:00Z", "none", "alice"));

            var entries = new AuditTrail(path).Read(DateTimeOffset.MinValue);

            Assert.Equal([null, "alice"], entries.Select(entry => entry.OnBehalfOf));
            Assert.Equal(["root", "egw-console"], entries.Select(entry => entry.User));
            Assert.Contains("\"onBehalfOf\":\"alice\"", File.ReadAllLines(path)[1], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Who_did_it_names_the_person_first_and_the_kernels_user_after()
    {
        Assert.Equal("root", OnBehalfOf.Describe("root", null));
        Assert.Equal("alice (as egw-console)", OnBehalfOf.Describe("egw-console", "alice"));
    }
}
