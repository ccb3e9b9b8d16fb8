using System.Text;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Crypto;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

/// <summary>The data logger's own notifications (hj212-tcp.md part B, statements 27 and 31): 1013, 1001, the 1014 key request.</summary>
public sealed class PlatformNotificationTests
{
    private static readonly PlatformHardwareIdentity Hardware = new("CPU0042", "B8:27:EB:00:00:01", "B8:27:EB:00:00:02");

    private static readonly byte[] Key = Encoding.ASCII.GetBytes("0123456789abcdef");

    [Fact]
    public async Task A_1013_goes_out_after_the_connect_is_answered_9013_and_the_1012_that_follows_sets_the_clock_a_later_1011_shows()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector();
        var devices = new ClockSettingDeviceCommands(kit.Time);
        var options = PlatformTestKit.Options() with
        {
            TimeCalibrationRequestInterval = TimeSpan.FromHours(24),
            AllowedCommands = PlatformCommandPermissions.Default | PlatformCommandPermissions.SetTime,
        };
        var link = kit.StartLink(options, connector, devices);
        var host = await connector.NextHostAsync();

        var request = (await host.WaitForAsync(frames => frames.Count >= 1, "the 1013"))[0];
        await PlatformTestKit.WaitUntilAsync(() => link.Status.LastReplyAt is not null, "the 9013 taken");
        var setTime = await HostRequestFlow.RunAsync(host, kit.Request("1012", "SystemTime=20260301180000"), expect9012: true);
        var getTime = await HostRequestFlow.RunAsync(host, kit.Request("1011"), expect9012: true);

        Assert.Equal("1013", request.Cn);
        Assert.Equal(5, request.Packet.Flag!.Value.Value);
        Assert.Equal(0, request.Packet.Cp.ItemCount);
        Assert.Equal(["9011", "9012"], setTime.Select(frame => frame.Cn));
        Assert.Equal("1", setTime[^1].Packet.Cp.GetValue("ExeRtn"));
        Assert.Equal(1, devices.ClockSettings);
        Assert.Equal("20260301180000", getTime.Single(frame => frame.Cn == "1011").Packet.Cp.GetValue(Hj212FieldNames.SystemTime));

        // The clock jumped 2 h past OverTime: an exchange still waiting for its 9013 would have re-sent the 1013.
        Assert.Single(host.ReceivedWith("1013"));
        Assert.Equal(0, link.Status.Resends);

        // Then once every 24 h after the connect, with a new QN.
        kit.Time.SetUtcNow(PlatformTestKit.Start.AddHours(24).AddSeconds(-1));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Single(host.ReceivedWith("1013"));
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        var repeated = await host.WaitForAsync(frames => frames.Count(frame => frame.Cn == "1013") == 2, "the next 1013");
        Assert.NotEqual(request.Packet.Qn, repeated.Last(frame => frame.Cn == "1013").Packet.Qn);
    }

    [Fact]
    public async Task A_1012_after_the_1013_is_rejected_QnRtn_2_when_the_platform_may_not_set_the_time()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector();
        var devices = new ClockSettingDeviceCommands(kit.Time);
        var link = kit.StartLink(PlatformTestKit.Options() with { TimeCalibrationRequestInterval = TimeSpan.FromHours(24) }, connector, devices);
        var host = await connector.NextHostAsync();
        await host.WaitForAsync(frames => frames.Any(frame => frame.Cn == "1013"), "the 1013");
        await PlatformTestKit.WaitUntilAsync(() => link.Status.LastReplyAt is not null, "the 9013 taken");

        var refused = await HostRequestFlow.RunAsync(host, kit.Request("1012", "SystemTime=20260301180000"), expect9012: false);

        Assert.Equal("2", Assert.Single(refused).Packet.Cp.GetValue("QnRtn"));
        Assert.Equal(0, devices.ClockSettings);
    }

    [Fact]
    public async Task An_unanswered_1013_is_re_sent_ReCount_times_then_ends_the_session_and_is_not_kept_for_later()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector { AnswerUploads = false };
        var options = PlatformTestKit.Options() with { TimeCalibrationRequestInterval = TimeSpan.FromHours(24), ReCount = 1 };
        var link = kit.StartLink(options, connector);
        var host = await connector.NextHostAsync();
        await host.WaitForAsync(frames => frames.Count == 1, "the 1013");

        await kit.AdvanceUntilAsync(() => host.Closed, TimeSpan.FromSeconds(5), "the session ended");
        var unanswered = host.ReceivedWith("1013");
        Assert.Equal(2, unanswered.Count);
        Assert.Equal(unanswered[0].Bytes, unanswered[1].Bytes);
        Assert.Equal(1, link.Status.Unanswered);

        connector.AnswerUploads = true;
        var again = await PlatformUploadTests.ConnectAgainAsync(kit, connector);
        kit.AppendMinute(0);
        var received = await again.WaitForAsync(frames => frames.Any(frame => frame.Cn == "2051"), "a minute behind the new 1013");

        Assert.Equal(["1013", "2051"], received.Select(frame => frame.Cn));
        Assert.NotEqual(unanswered[0].Packet.Qn, received[0].Packet.Qn);
    }

    [Fact]
    public async Task A_2025_platform_gets_the_1001_hardware_identity_once_after_each_connect_behind_the_2081()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector();
        var options = PlatformTestKit.Options(edition: Hj212Edition.Edition2025) with { Uploads = PlatformUploads.Minute | PlatformUploads.Restart };
        kit.StartLink(options, connector, kit.Dependencies(connector) with { HardwareIdentity = Hardware });
        var host = await connector.NextHostAsync();

        kit.AppendMinute(0);
        var received = await host.WaitForAsync(frames => frames.Any(frame => frame.Cn == "2051"), "a minute behind the 1001");
        await host.DisposeAsync();
        var again = await PlatformUploadTests.ConnectAgainAsync(kit, connector);
        kit.AppendMinute(1);
        var receivedAgain = await again.WaitForAsync(frames => frames.Any(frame => frame.Cn == "2051"), "a minute on the new connection");

        Assert.Equal(["2081", "1001", "2051"], received.Select(frame => frame.Cn));
        var identity = received[1].Packet;
        Assert.Equal(9, identity.Flag!.Value.Value);
        Assert.Equal(PlatformTestKit.Mn, identity.Cp.GetValue("i23005-Info"));
        Assert.Equal("CPU0042", identity.Cp.GetValue("i23006-Info"));
        Assert.Equal("B8:27:EB:00:00:01", identity.Cp.GetValue("i23007-Info"));
        Assert.Equal("B8:27:EB:00:00:02", identity.Cp.GetValue("i23008-Info"));
        Assert.Equal(["1001", "2051"], receivedAgain.Select(frame => frame.Cn));
    }

    [Theory]
    [InlineData(Hj212Edition.Edition2017, true)]
    [InlineData(Hj212Edition.Edition2025, false)]
    public async Task No_1001_goes_to_a_2017_platform_or_when_turned_off(Hj212Edition edition, bool sendHardwareIdentity)
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector();
        var options = PlatformTestKit.Options(edition: edition) with { SendHardwareIdentity = sendHardwareIdentity };
        kit.StartLink(options, connector, kit.Dependencies(connector) with { HardwareIdentity = Hardware });
        var host = await connector.NextHostAsync();

        kit.AppendMinute(0);
        var received = await host.WaitForAsync(frames => frames.Any(frame => frame.Cn == "2051"), "the minute");

        Assert.Equal(["2051"], received.Select(frame => frame.Cn));
    }

    [Fact]
    public async Task An_encrypting_2025_link_requests_a_key_naming_the_current_keys_creation_and_a_key_the_platform_sets_is_named_next_time()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector { Cipher = new Hj212CpCipher(Key) };
        var options = PlatformTestKit.Options(edition: Hj212Edition.Edition2025) with
        {
            EncryptionKey = Key,
            EncryptionKeyCreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            AllowedCommands = PlatformCommandPermissions.Default | PlatformCommandPermissions.SetIdentity,
        };
        var link = kit.StartLink(options, connector);
        var host = await connector.NextHostAsync();

        var request = (await host.WaitForAsync(frames => frames.Count == 1, "the 1014 key request"))[0];
        await PlatformTestKit.WaitUntilAsync(() => link.Status.LastReplyAt is not null, "the 9013 taken");
        var set = await HostRequestFlow.RunAsync(host, kit.Request("1014", "SKCreateTime=20260301150000,NewSK=fedcba9876543210"), expect9012: true);
        connector.Cipher = new Hj212CpCipher(Encoding.ASCII.GetBytes("fedcba9876543210"));
        await host.DisposeAsync();
        var again = await PlatformUploadTests.ConnectAgainAsync(kit, connector);
        var next = (await again.WaitForAsync(frames => frames.Count == 1, "the next key request"))[0];

        Assert.Equal("1014", request.Cn);
        Assert.Equal(9, request.Packet.Flag!.Value.Value);
        Assert.Equal("20260101080000", request.Packet.Cp.GetValue(Hj212FieldNames.SkCreateTime));
        Assert.DoesNotContain("SKCreateTime", Encoding.ASCII.GetString(request.Bytes), StringComparison.Ordinal);
        Assert.Equal("1", set[^1].Packet.Cp.GetValue("ExeRtn"));
        Assert.Equal("1014", next.Cn);
        Assert.Equal("20260301150000", next.Packet.Cp.GetValue(Hj212FieldNames.SkCreateTime));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 15, 0, 0, TimeSpan.FromHours(8)), kit.Identities.Load("p1")!.EncryptionKeyCreatedAt);
    }

    [Fact]
    public async Task After_a_connect_come_the_2081_then_1001_1014_and_1013_each_after_its_answer_then_the_uploads()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector { Cipher = new Hj212CpCipher(Key) };
        var options = PlatformTestKit.Options(edition: Hj212Edition.Edition2025) with
        {
            Uploads = PlatformUploads.Minute | PlatformUploads.Restart,
            EncryptionKey = Key,
            TimeCalibrationRequestInterval = TimeSpan.FromHours(24),
        };
        kit.AppendMinute(0);
        kit.StartLink(options, connector, kit.Dependencies(connector) with { HardwareIdentity = Hardware });
        var host = await connector.NextHostAsync();

        var received = await host.WaitForAsync(frames => frames.Any(frame => frame.Cn == "2051"), "the minute");

        Assert.Equal(["2081", "1001", "1014", "1013", "2051"], received.Select(frame => frame.Cn));
        // No creation time configured: the gateway's start (five minutes before the test's clock).
        Assert.Equal("20260301155500", received[2].Packet.Cp.GetValue(Hj212FieldNames.SkCreateTime));
        Assert.Empty(host.BadFrames);
    }
}
