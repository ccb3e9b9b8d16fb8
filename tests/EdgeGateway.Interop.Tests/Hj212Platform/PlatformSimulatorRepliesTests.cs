using System.Text;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Simulator.Hj212Platform;

namespace EdgeGateway.Interop.Tests.Hj212Platform;

/// <summary>The platform simulator answers what a logger sends over a real socket, however the bytes are cut.</summary>
public sealed class PlatformSimulatorRepliesTests
{
    [Fact]
    public async Task An_upload_wanting_a_reply_gets_a_9014_with_its_QN()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);

        await logger.SendAsync(LoggerPackets.Minute("20261207101500001", "20261207101400"));
        var reply = await logger.ReadPacketAsync();

        Assert.Equal("9014", reply.Cn);
        Assert.Equal("20261207101500001", reply.Qn);
        Assert.Equal("91", reply.St);
        Assert.Equal(LoggerPackets.Mn, reply.Mn);
        Assert.Equal(4, reply.Flag!.Value.Value);
        var record = Assert.Single(platform.RecordsOf("2051"));
        Assert.True(record.IsValid, string.Join("; ", record.Problems));
        Assert.Equal(1, record.ConnectionId);
        Assert.Equal(reply, Assert.Single(platform.Sent).Packet);
    }

    [Fact]
    public async Task An_upload_without_flag_A_is_not_answered()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);

        await logger.SendAsync(LoggerPackets.Minute("20261207101500001", "20261207101400", wantReply: false));
        await logger.SendAsync(LoggerPackets.Minute("20261207101500002", "20261207101500"));

        // The first reply that comes is the second upload's: the first got none.
        Assert.Equal("20261207101500002", (await logger.ReadPacketAsync()).Qn);
        Assert.Equal(2, platform.RecordsOf("2051").Count);
        Assert.Single(platform.Sent);
    }

    [Fact]
    public async Task Each_part_of_a_split_message_gets_its_own_9014()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);

        string[] qns = ["20261207101500101", "20261207101500102", "20261207101500103"];
        string[] factors = ["a21026", "a21002", "a34013"];
        for (var part = 0; part < 3; part++)
        {
            await logger.SendAsync(LoggerPackets.MinutePart(qns[part], "20261207101400", part + 1, 3, factors[part]));
            var reply = await logger.ReadPacketAsync();
            Assert.Equal(("9014", qns[part]), (reply.Cn, reply.Qn));
        }

        Assert.Empty(platform.Problems);
        var stored = platform.Store.Find(LoggerPackets.Mn, "2051", new DateTime(2026, 12, 7, 10, 14, 0));
        Assert.NotNull(stored);
        Assert.Equal(3, stored.Packets);
        Assert.Equal(["a21002-Avg", "a21002-Flag", "a21026-Avg", "a21026-Flag", "a34013-Avg", "a34013-Flag"], stored.Values.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, platform.Store.DuplicatesOf(LoggerPackets.Mn));
    }

    [Fact]
    public async Task A_split_part_out_of_sequence_is_a_problem()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);

        await logger.SendAsync(LoggerPackets.MinutePart("20261207101500101", "20261207101400", 1, 3, "a21026"));
        await logger.SendAsync(LoggerPackets.MinutePart("20261207101500103", "20261207101400", 3, 3, "a34013"));
        await logger.ReadPacketAsync();
        await logger.ReadPacketAsync();

        var problem = Assert.Single(platform.Problems);
        Assert.Equal("split part PNO=3 of PNUM=3 is out of sequence: expected part 2 of 3 of a 2051 message", problem.Text);
        Assert.Equal("20261207101500103", problem.Qn);
    }

    [Fact]
    public async Task Frames_merged_into_one_write_and_a_frame_cut_into_pieces_are_all_answered()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);

        var merged = Hj212FrameEncoder.EncodeToUtf8(LoggerPackets.Minute("20261207101500001", "20261207101400"))
            .Concat(Hj212FrameEncoder.EncodeToUtf8(LoggerPackets.Minute("20261207101500002", "20261207101500")))
            .ToArray();
        await logger.WriteAsync(merged);
        Assert.Equal("20261207101500001", (await logger.ReadPacketAsync()).Qn);
        Assert.Equal("20261207101500002", (await logger.ReadPacketAsync()).Qn);

        var cut = Hj212FrameEncoder.EncodeToUtf8(LoggerPackets.Minute("20261207101600003", "20261207101600"));
        foreach (var piece in cut.Chunk(7))
        {
            await logger.WriteAsync(piece);
            // Each piece reaches the platform in a read of its own.
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        Assert.Equal("20261207101600003", (await logger.ReadPacketAsync()).Qn);
        Assert.Empty(platform.Problems);
        Assert.Equal(3, platform.Store.TimesOf(LoggerPackets.Mn, "2051").Count);
    }

    [Fact]
    public async Task Junk_outside_frames_is_skipped_reported_and_the_frames_still_answered()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);

        var frame = Hj212FrameEncoder.Encode(LoggerPackets.Minute("20261207101500001", "20261207101400"));
        await logger.WriteAsync("AT+OK\r\n" + frame + "\0\0garbage");
        await logger.WriteAsync(Hj212FrameEncoder.Encode(LoggerPackets.Minute("20261207101500002", "20261207101500")));

        Assert.Equal("20261207101500001", (await logger.ReadPacketAsync()).Qn);
        Assert.Equal("20261207101500002", (await logger.ReadPacketAsync()).Qn);
        Assert.All(platform.Received, record => Assert.True(record.IsValid, string.Join("; ", record.Problems)));
        Assert.Equal(
            ["7 bytes outside ##…CRLF skipped: 'AT+OK\\r\\n'", "9 bytes outside ##…CRLF skipped: '\0\0garbage'"],
            platform.Problems.Select(problem => problem.Text));
    }

    [Fact]
    public async Task A_heartbeat_and_a_time_calibration_request_get_a_9013()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0", new Hj212PlatformSimulatorOptions { Edition = Hj212Edition.Edition2025 });
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);

        await logger.SendAsync(LoggerPackets.Heartbeat("20261207101500001"));
        var answer = await logger.ReadPacketAsync();
        Assert.Equal(("9013", "20261207101500001", (byte)8), (answer.Cn, answer.Qn, answer.Flag!.Value.Value));

        await logger.SendAsync(LoggerPackets.Heartbeat("20261207101500002") with { Cn = "1013" });
        var calibration = await logger.ReadPacketAsync();
        Assert.Equal(("9013", "20261207101500002"), (calibration.Cn, calibration.Qn));
        Assert.Empty(platform.Problems);
    }

    [Fact]
    public async Task Loggers_on_several_connections_are_answered_on_their_own()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var first = await RawLogger.ConnectAsync(platform.Endpoint);
        using var second = await RawLogger.ConnectAsync(platform.Endpoint);

        await second.SendAsync(LoggerPackets.Minute("20261207101500002", "20261207101400") with { Mn = "MN-SECOND" });
        await first.SendAsync(LoggerPackets.Minute("20261207101500001", "20261207101400"));

        Assert.Equal("20261207101500001", (await first.ReadPacketAsync()).Qn);
        var reply = await second.ReadPacketAsync();
        Assert.Equal(("20261207101500002", "MN-SECOND"), (reply.Qn, reply.Mn));
        Assert.Equal(2, platform.Connections.Count);
        Assert.Equal([LoggerPackets.Mn, "MN-SECOND"], platform.Store.Mns.Order(StringComparer.Ordinal));
        Assert.Equal(Encoding.UTF8.GetString(Hj212FrameEncoder.EncodeToUtf8(LoggerPackets.Minute("20261207101500001", "20261207101400"))), platform.RecordsOf("2051").Single(record => record.Mn == LoggerPackets.Mn).Raw);
    }
}
