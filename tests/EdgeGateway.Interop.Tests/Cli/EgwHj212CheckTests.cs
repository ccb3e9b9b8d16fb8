using System.Text.Json;

namespace EdgeGateway.Interop.Tests.Cli;

/// <summary><c>egw hj212 check</c>: what an integrator debugging a platform link sees.</summary>
public sealed class EgwHj212CheckTests
{
    // The standard's own example (hj212-reference.md §11, V1); its text misprints the CRC as 1C08.
    private const string V1 = "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80";

    [Fact]
    public void A_good_packet_prints_its_fields_and_exits_0()
    {
        var run = Egw.Run("hj212", "check", V1);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("valid packet: 101-byte data segment, CRC 1C80", run.Output, StringComparison.Ordinal);
        Assert.Contains(run.Lines, line => line.StartsWith("CN", StringComparison.Ordinal) && line.Contains("1062", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_crc_names_both_values_and_exits_1()
    {
        var run = Egw.Run("hj212", "check", V1[..^4] + "1C08");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("bad packet: CRC 1C80 expected, 1C08 found", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_length_names_both_counts_and_exits_1()
    {
        var run = Egw.Run("hj212", "check", "##0103" + V1[6..]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("bad packet: length says 103, data segment has 101 bytes", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_input_is_read_one_packet_a_line_and_json_is_an_array()
    {
        var run = Egw.RunWithInput(V1 + "\n" + V1[..^4] + "1C08\n", "hj212", "check", "-", "--json");

        Assert.Equal(1, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        Assert.Equal([true, false], document.RootElement.EnumerateArray().Select(report => report.GetProperty("valid").GetBoolean()));
    }
}
