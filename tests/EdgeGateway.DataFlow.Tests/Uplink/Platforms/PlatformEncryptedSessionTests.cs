using System.Text;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Crypto;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Uplink.Platforms;
using static EdgeGateway.DataFlow.Tests.Uplink.Platforms.HostRequestFlow;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

/// <summary>
/// HJ 212-2025 at the link (hj212-tcp.md part B, statements 29-31): a 1014 that sets a new SM4 key, a 3020 answer
/// encrypted while its 9011/9012 stay plain, and a split record wanting replies sent with Flag 11.
/// </summary>
public sealed class PlatformEncryptedSessionTests
{
    private const string OldKey = "0ld-K3y-0f-T3st!";
    private const string NewKey = "N3w-K3y-0f-1014!";

    [Fact]
    public async Task Command_1014_sets_the_key_later_data_packets_are_encrypted_with_and_a_new_link_keeps_it()
    {
        var options = Options2025WithKey();
        var (kit, link, host) = await ConnectAsync(options);
        await using var disposeKit = kit;
        host.Cipher = Cipher(OldKey);

        var set = await RunAsync(host, kit.Request2025("1014", "SKCreateTime=20260301160000,NewSK=" + NewKey), expect9012: true);
        host.Cipher = Cipher(NewKey);
        kit.AppendMinute(0);
        var minute = (await host.WaitForAsync(frames => frames.Any(f => f.Cn == "2051"), "a minute record")).Single(f => f.Cn == "2051");
        await link.DisposeAsync();
        var connector = new InMemoryPlatformConnector();
        kit.StartLink(options, connector);
        var next = await connector.NextHostAsync();
        next.Cipher = Cipher(NewKey);
        kit.AppendMinute(1);
        var keptMinute = (await next.WaitForAsync(frames => frames.Any(f => f.Cn == "2051"), "a minute record after the restart")).Single(f => f.Cn == "2051");

        Assert.Equal(("1", "1"), (set.QnRtn(), set.ExeRtn()));
        Assert.Equal(Convert.ToHexString(Encoding.ASCII.GetBytes(NewKey)), kit.Identities.Load("p1")!.EncryptionKeyHex);
        foreach (var (record, dataTime) in new[] { (minute, "20260301160000"), (keptMinute, "20260301160100") })
        {
            Assert.Contains("CP=&&{0x", Encoding.ASCII.GetString(record.Bytes), StringComparison.Ordinal);
            Assert.Equal(dataTime, record.DataTime);
            Assert.Equal(Hj212DecodeError.CrcMismatch, Cipher(OldKey).Decode(record.Bytes).Error);
        }
    }

    [Fact]
    public async Task A_3020_answer_goes_encrypted_while_its_9011_and_9012_stay_plain()
    {
        var devices = new ScriptedDeviceCommands(new());
        var (kit, _, host) = await ConnectAsync(Options2025WithKey(), devices);
        await using var disposeKit = kit;
        host.Cipher = Cipher(OldKey);

        var flow = await RunAsync(host, kit.Request2025("3020", "PolId=w01018;InfoId=i12001"), expect9012: true);

        Assert.Equal(["9011", "3020", "9012"], flow.Select(f => f.Cn));
        var information = flow.Single(f => f.Cn == "3020");
        Assert.Contains("CP=&&{0x", Encoding.ASCII.GetString(information.Bytes), StringComparison.Ordinal);
        Assert.Equal("w01018", information.Packet.Cp.GetValue(Hj212FieldNames.PolId));
        Assert.Equal("zero check passed at 16:00", information.Packet.Cp.GetValue("i12001-Info"));
        Assert.All(flow.Where(f => f.Cn != "3020"), reply => Assert.True(Hj212FrameDecoder.Decode(reply.Bytes).IsSuccess, "a 9011/9012 in plain text"));
        Assert.Equal(("1", "1"), (flow.QnRtn(), flow.ExeRtn()));
        Assert.Equal(["information w01018 i12001 by platform:p1"], devices.Calls);
    }

    [Fact]
    public async Task A_2025_record_over_1024_bytes_wanting_replies_goes_in_parts_with_Flag_11_each_waiting_for_its_own_9014()
    {
        await using var kit = new PlatformTestKit(channels: 40);
        var connector = new InMemoryPlatformConnector { AnswerUploads = false };
        kit.StartLink(PlatformTestKit.Options(edition: Hj212Edition.Edition2025), connector);
        var host = await connector.NextHostAsync();
        kit.AppendMinute(0);

        var first = (await host.WaitForAsync(frames => frames.Count == 1, "the first part"))[0];
        var parts = first.Packet.Pnum!.Value;
        Assert.True(parts >= 2, $"{parts} parts");
        for (var part = 1; part <= parts; part++)
        {
            var received = await host.WaitForAsync(frames => frames.Count == part, $"part {part}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
            Assert.Equal(part, host.Received.Count);
            Assert.Equal(part, received[^1].Packet.Pno);
            Assert.Equal(11, received[^1].Packet.Flag!.Value.Value);
            await host.AnswerAsync(received[^1].Packet);
        }

        await PlatformTestKit.WaitUntilAsync(() => kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount == 0, "acknowledged after the last part");
        Assert.Equal(parts, host.Received.Select(frame => frame.Packet.Qn).Distinct().Count());
        Assert.Empty(host.BadFrames);
    }

    [Fact]
    public async Task A_platform_configured_for_hex_digits_and_the_transmitted_length_gets_its_data_in_that_form()
    {
        var options = Options2025WithKey() with
        {
            Encryption = new Hj212EncryptionOptions { Form = Hj212CipherTextForm.HexDigits, LengthField = Hj212CipherLengthField.TransmittedLength },
        };
        var (kit, _, host) = await ConnectAsync(options);
        await using var disposeKit = kit;
        host.Cipher = Cipher(OldKey);

        kit.AppendMinute(0);
        var minute = (await host.WaitForAsync(frames => frames.Any(f => f.Cn == "2051"), "a minute record")).Single(f => f.Cn == "2051");

        var text = Encoding.ASCII.GetString(minute.Bytes);
        var cp = text[(text.IndexOf("CP=&&", StringComparison.Ordinal) + 5)..];
        Assert.Matches("^[0-9A-F]{32}", cp);
        Assert.Equal(minute.Bytes.Length - Hj212Limits.FrameOverheadBytes, int.Parse(text[2..6], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("20260301160000", minute.DataTime);
        Assert.Empty(host.BadFrames);
    }

    // No 1014 key request after the connect (PlatformNotificationTests shows it): the host's cipher is set only once connected.
    private static PlatformOptions Options2025WithKey() => PlatformTestKit.Options(edition: Hj212Edition.Edition2025) with
    {
        EncryptionKey = Encoding.ASCII.GetBytes(OldKey),
        SendKeyRequest = false,
    };

    private static Hj212CpCipher Cipher(string key) => new(Encoding.ASCII.GetBytes(key));
}
