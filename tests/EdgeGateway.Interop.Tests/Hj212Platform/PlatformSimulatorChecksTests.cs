using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Simulator.Hj212Platform;

namespace EdgeGateway.Interop.Tests.Hj212Platform;

/// <summary>The platform simulator reports every rule a logger's packet breaks, the way a test of the gateway needs it.</summary>
public sealed class PlatformSimulatorChecksTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_bad_CRC_is_a_problem_and_gets_no_reply()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);

        var frame = Hj212FrameEncoder.Encode(LoggerPackets.Minute("20261207101500001", "20261207101400"));
        var crc = frame[^6..^2];
        var wrongCrc = crc == "0000" ? "1111" : "0000";
        await logger.WriteAsync(frame[..^6] + wrongCrc + "\r\n");
        await logger.SendAsync(LoggerPackets.Minute("20261207101500002", "20261207101500"));

        // The first reply is the good packet's: the bad one got none.
        Assert.Equal("20261207101500002", (await logger.ReadPacketAsync()).Qn);
        var refused = platform.Received[0];
        Assert.Null(refused.Packet);
        Assert.Equal(Hj212DecodeError.CrcMismatch, refused.DecodeError);
        Assert.Equal("20261207101500001", refused.Qn);
        Assert.Equal($"refused: CRC {crc} expected, {wrongCrc} found", Assert.Single(platform.Problems).Text);
        Assert.Equal([new DateTime(2026, 12, 7, 10, 15, 0)], platform.Store.TimesOf(LoggerPackets.Mn, "2051"));
    }

    [Fact]
    public async Task RF_0_is_a_problem_and_RF_1_is_not()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0", new Hj212PlatformSimulatorOptions { Edition = Hj212Edition.Edition2025 });
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);

        await logger.WriteAsync(WithRf(LoggerPackets.Minute("20261207101500001", "20261207101400", edition: Hj212Edition.Edition2025), "0"));
        await logger.WriteAsync(WithRf(LoggerPackets.Minute("20261207101500002", "20261207101500", edition: Hj212Edition.Edition2025), "1"));
        await logger.ReadPacketAsync();
        await logger.ReadPacketAsync();

        var problem = Assert.Single(platform.Problems);
        Assert.Equal("20261207101500001", problem.Qn);
        Assert.Equal("RF=0: RF is 1 on re-sent packets and absent on first sends, never anything else", problem.Text);
        Assert.Equal(["QN", "ST", "CN", "PW", "MN", "Flag", "RF", "CP"], platform.Received[1].HeaderOrder);
        Assert.Equal("1", platform.Received[1].Rf);
    }

    [Fact]
    public async Task RF_in_a_2017_packet_is_a_problem()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);

        await logger.WriteAsync(WithRf(LoggerPackets.Minute("20261207101500001", "20261207101400"), "1"));
        await logger.ReadPacketAsync();

        Assert.Equal("RF=1: RF is an HJ 212-2025 field, a 2017 packet has none", Assert.Single(platform.Problems).Text);
    }

    [Fact]
    public async Task Wrong_edition_header_order_MN_PW_and_time_formats_are_each_a_problem()
    {
        var options = new Hj212PlatformSimulatorOptions { Edition = Hj212Edition.Edition2025, ExpectedMn = "EXPECTED-MN", ExpectedPw = "654321" };
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0", options);
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);

        // A 2017 Flag, MN and Flag swapped, a DataTime that is not the start of its minute and a SampleTime in the wrong shape.
        var segment = "QN=20261207101500001;ST=32;CN=2051;PW=123456;Flag=5;MN=" + LoggerPackets.Mn
            + ";CP=&&DataTime=20261207101430;w01018-SampleTime=2026-12-07 10:14,w01018-Avg=2.5&&";
        await logger.WriteAsync(Frame(segment));
        await logger.ReadPacketAsync();

        Assert.Equal(
            [
                "header field 'MN' comes after 'Flag'; the order is QN;ST;CN;PW;MN;Flag;[PNUM;PNO;][RF;]CP",
                "Flag 5 has version bits 1 (2017), expected 2 (2025)",
                $"MN '{LoggerPackets.Mn}' is not the registered 'EXPECTED-MN'",
                "PW '123456' is not the expected '654321'",
                "w01018-SampleTime '2026-12-07 10:14' is not YYYYMMDDhhmmss",
                "DataTime 20261207101430 of a 2051 record is not the start of its period",
            ],
            platform.Problems.Select(problem => problem.Text));
    }

    [Fact]
    public async Task A_QN_used_again_for_another_packet_is_a_problem_but_an_identical_resend_is_a_repeat()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);

        await logger.SendAsync(LoggerPackets.Minute("20261207101500001", "20261207101400"));
        await logger.SendAsync(LoggerPackets.Minute("20261207101500001", "20261207101400"));
        await logger.SendAsync(LoggerPackets.Minute("20261207101500001", "20261207101500"));
        for (var i = 0; i < 3; i++)
        {
            await logger.ReadPacketAsync();
        }

        Assert.Equal([false, true, false], platform.Received.Select(record => record.IsRepeat));
        Assert.Equal("QN 20261207101500001 was already used for a different packet; every new message needs a new QN", Assert.Single(platform.Problems).Text);
        Assert.Equal(0, platform.Store.DuplicatesOf(LoggerPackets.Mn));
    }

    [Fact]
    public async Task OnReceived_sees_every_frame_with_its_problems()
    {
        var seen = new List<Hj212ReceivedPacket>();
        var options = new Hj212PlatformSimulatorOptions
        {
            OnReceived = record =>
            {
                lock (seen)
                {
                    seen.Add(record);
                }
            },
        };
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0", options);
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);

        await logger.WriteAsync("##0010QN=1;CP=&&&&0000\r\n");
        await platform.WaitForAsync(record => record.Sequence == 1, Wait, TestContext.Current.CancellationToken);

        lock (seen)
        {
            var record = Assert.Single(seen);
            Assert.Null(record.Packet);
            Assert.StartsWith("refused: length says 10", Assert.Single(record.Problems), StringComparison.Ordinal);
        }
    }

    // Regression (CI of stop 24): a frame was added to Received before OnReceived ran, so a waiter woken by another
    // event (the connection, the 100 ms poll) could return while the callback had not yet seen the frame.
    [Fact]
    public async Task A_frame_is_received_only_after_OnReceived_has_returned()
    {
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var cancellation = TestContext.Current.CancellationToken;
        var options = new Hj212PlatformSimulatorOptions
        {
            OnReceived = _ =>
            {
                entered.Set();
                release.Wait(Wait, cancellation);
            },
        };
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0", options);
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);

        await logger.WriteAsync("##0010QN=1;CP=&&&&0000\r\n");
        Assert.True(entered.Wait(Wait, cancellation), "OnReceived was not called");
        var waiting = platform.WaitForAsync(record => record.Sequence == 1, Wait, cancellation);

        // The waiter is tried at once and every 100 ms: 300 ms are three chances to see the frame too early.
        await Task.Delay(TimeSpan.FromMilliseconds(300), cancellation);
        Assert.Empty(platform.Received);
        Assert.Empty(platform.Problems);
        Assert.False(waiting.IsCompleted);

        release.Set();
        Assert.Equal(1, (await waiting).Sequence);
        Assert.Single(platform.Problems);
    }

    [Fact]
    public async Task A_2021_run_state_is_stored_by_its_sampling_instant_and_a_state_outside_0_to_5_is_a_problem()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);

        await logger.WriteAsync(Frame($"QN=20261207101500001;ST=31;CN=2021;PW=123456;MN={LoggerPackets.Mn};Flag=5;CP=&&DataTime=20261207101430;SB1-RS=1;SB2-RS=4&&"));
        await logger.WriteAsync(Frame($"QN=20261207101500002;ST=31;CN=2021;PW=123456;MN={LoggerPackets.Mn};Flag=5;CP=&&DataTime=20261207101500;SB1-RS=7&&"));
        await logger.ReadPacketAsync();
        await logger.ReadPacketAsync();

        Assert.Equal("SB1-RS=7: a run state is SBxxx-RS with a value 0 to 5", Assert.Single(platform.Problems).Text);
        var stored = platform.Store.Find(LoggerPackets.Mn, "2021", new DateTime(2026, 12, 7, 10, 14, 30));
        Assert.NotNull(stored);
        Assert.Equal("1", stored.Values["SB1-RS"]);
        Assert.Equal("4", stored.Values["SB2-RS"]);
    }

    private static string WithRf(Hj212Packet packet, string rf) =>
        Frame(packet.ToDataSegment().Replace(";CP=", $";RF={rf};CP=", StringComparison.Ordinal));

    private static string Frame(string segment) =>
        $"##{segment.Length:D4}{segment}{Hj212Crc.Format(Hj212Crc.Compute(System.Text.Encoding.UTF8.GetBytes(segment)))}\r\n";
}
