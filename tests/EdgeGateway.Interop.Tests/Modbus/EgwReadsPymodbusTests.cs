using System.Text.Json;
using EdgeGateway.Interop.Tests.Cli;

namespace EdgeGateway.Interop.Tests.Modbus;

/// <summary>
/// <c>egw modbus read</c> against a real third-party slave (Debian's python3-pymodbus): every data type and byte
/// order, both register tables and both bit tables, over Modbus TCP and over RTU on a pty.
/// </summary>
public abstract class EgwReadsPymodbusTests
{
    protected abstract string Port { get; }

    [Theory]
    [MemberData(nameof(PymodbusLayout.Values), MemberType = typeof(PymodbusLayout))]
    public void Reads_every_type_and_byte_order(string type, string order, int address, string expected)
    {
        var run = Egw.Run("modbus", "read", "--port", Port, "--slave", "1", "--address", address.ToString(System.Globalization.CultureInfo.InvariantCulture), "--type", type, "--order", order);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([$"{address} {expected}"], run.Lines);
    }

    [Fact]
    public void Reads_input_registers_not_holding_ones()
    {
        var run = Egw.Run("modbus", "read", "--port", Port, "--table", "input", "--address", "0", "--count", "2");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["0 11111", "1 64302"], run.Lines);
    }

    [Fact]
    public void Reads_coils_and_discrete_inputs()
    {
        var coils = Egw.Run("modbus", "read", "--port", Port, "--table", "coil", "--address", "0", "--count", "10");
        var inputs = Egw.Run("modbus", "read", "--port", Port, "--table", "discrete", "--address", "2", "--count", "4");

        Assert.True(coils.ExitCode == 0, coils.ToString());
        Assert.Equal(["0 1", "1 0", "2 1", "3 1", "4 0", "5 0", "6 1", "7 0", "8 1", "9 1"], coils.Lines);
        Assert.True(inputs.ExitCode == 0, inputs.ToString());
        Assert.Equal(["2 0", "3 0", "4 1", "5 1"], inputs.Lines);
    }

    [Fact]
    public void Json_output_carries_value_text_and_raw_registers()
    {
        var run = Egw.Run("modbus", "read", "--port", Port, "--address", "6", "--count", "2", "--type", "f32", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Output);
        var values = document.RootElement.GetProperty("values");
        Assert.Equal(2, values.GetArrayLength());
        Assert.Equal(6, values[0].GetProperty("address").GetInt32());
        Assert.Equal("123.456", values[0].GetProperty("text").GetString());
        Assert.Equal(123.456, values[0].GetProperty("value").GetDouble(), 3);
        Assert.Equal([0x42F6, 0xE979], values[0].GetProperty("registers").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("f32", document.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public void A_read_larger_than_one_request_is_split_at_value_boundaries()
    {
        // 150 u32 values = 300 registers: three requests of at most 124 registers (62 values) each.
        var run = Egw.Run("modbus", "read", "--port", Port, "--address", "100", "--count", "150", "--type", "u32");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(150, run.Lines.Length);
        Assert.Equal("100 0", run.Lines[0]);
        Assert.Equal("398 0", run.Lines[^1]);
    }

    [Fact]
    public void An_exception_answer_is_one_clear_line_and_exit_code_1()
    {
        var run = Egw.Run("modbus", "read", "--port", Port, "--address", "5000", "--count", "2");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("egw: slave 1 answered exception 02: illegal data address (the device has no register there)\n", run.Error);
        Assert.Empty(run.Output);
    }
}
