using EdgeGateway.Interop.Tests.Cli;

namespace EdgeGateway.Interop.Tests.Modbus;

public sealed class EgwReadsPymodbusOverRtuTests(PymodbusRtuPeer peer) : EgwReadsPymodbusTests, IClassFixture<PymodbusRtuPeer>
{
    protected override string Port => peer.Endpoint();

    [Fact]
    public void A_slave_id_nobody_has_times_out_with_exit_code_1()
    {
        var run = Egw.Run("modbus", "read", "--port", Port, "--slave", "9", "--address", "0", "--timeout", "300ms", "--retries", "0");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("egw: timeout: no answer from slave 9 within 300 ms\n", run.Error);
    }

    [Fact]
    public void Scan_lists_the_slaves_on_the_line()
    {
        var run = Egw.Run("modbus", "scan", "--port", Port, "--slaves", "1-5", "--timeout", "150ms");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["slave 1: answers with data", "slave 3: answers with data"], run.Lines);
    }
}
