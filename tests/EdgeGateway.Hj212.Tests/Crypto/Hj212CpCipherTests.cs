using System.Text;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Crypto;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Hj212.Splitting;

namespace EdgeGateway.Hj212.Tests.Crypto;

public sealed class Hj212CpCipherTests
{
    private static readonly Hj212CpCipher Cipher = new(Hj212CipherVectors.TestKey);

    private static Hj212Packet Plain(string frame)
    {
        var decoded = Hj212FrameDecoder.Decode(frame);
        Assert.True(decoded.IsSuccess, decoded.Reason);
        return decoded.Packet;
    }

    private static string Text(byte[] frame) => Encoding.UTF8.GetString(frame);

    [Theory]
    [InlineData(Hj212CipherVectors.Example2Plain, Hj212CipherVectors.Example2Encrypted)]
    [InlineData(Hj212CipherVectors.Example4Plain, Hj212CipherVectors.Example4Encrypted)]
    public void Encrypting_gives_the_packets_printed_in_appendix_A2(string plain, string encrypted)
    {
        Assert.Equal(encrypted, Text(Cipher.EncodeToUtf8(Plain(plain))));
    }

    [Theory]
    [InlineData(Hj212CipherVectors.Example2Plain, Hj212CipherVectors.Example2Encrypted)]
    [InlineData(Hj212CipherVectors.Example4Plain, Hj212CipherVectors.Example4Encrypted)]
    public void Decrypting_the_packets_printed_in_appendix_A2_gives_the_plain_text_with_its_CRC(string plain, string encrypted)
    {
        Assert.True(Cipher.TryDecryptFrame(Encoding.UTF8.GetBytes(encrypted), out var frame, out var error), error);
        Assert.Equal(plain, Text(frame));

        var decoded = Cipher.Decode(Encoding.UTF8.GetBytes(encrypted));
        Assert.True(decoded.IsSuccess, decoded.Reason);
        Assert.Equal(Plain(plain), decoded.Packet);
    }

    [Fact]
    public void Hex_digit_form_writes_bare_hex_then_the_plain_tail()
    {
        var cipher = new Hj212CpCipher(Hj212CipherVectors.TestKey, new Hj212EncryptionOptions { Form = Hj212CipherTextForm.HexDigits });

        var frame = Text(cipher.EncodeToUtf8(Plain(Hj212CipherVectors.Example4Plain)));

        Assert.StartsWith("##0234", frame, StringComparison.Ordinal);
        Assert.EndsWith($"CP=&&{Hj212CipherVectors.Example4CipherHex}g=N&&B541\r\n", frame, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Hj212CipherTextForm.BracedHexBytes, Hj212CipherLengthField.PlaintextLength)]
    [InlineData(Hj212CipherTextForm.BracedHexBytes, Hj212CipherLengthField.TransmittedLength)]
    [InlineData(Hj212CipherTextForm.HexDigits, Hj212CipherLengthField.PlaintextLength)]
    [InlineData(Hj212CipherTextForm.HexDigits, Hj212CipherLengthField.TransmittedLength)]
    public void Every_wire_form_round_trips_through_a_receiver_that_does_not_know_the_senders_options(
        Hj212CipherTextForm form,
        Hj212CipherLengthField lengthField)
    {
        var sender = new Hj212CpCipher(Hj212CipherVectors.TestKey, new Hj212EncryptionOptions { Form = form, LengthField = lengthField });
        foreach (var plain in new[] { Hj212CipherVectors.Example2Plain, Hj212CipherVectors.Example4Plain })
        {
            var packet = Plain(plain);
            var frame = sender.EncodeToUtf8(packet);

            var decoded = Cipher.Decode(frame);

            Assert.True(decoded.IsSuccess, decoded.Reason);
            Assert.Equal(packet, decoded.Packet);
        }
    }

    [Fact]
    public void Transmitted_length_counts_the_bytes_between_the_length_field_and_the_CRC()
    {
        var cipher = new Hj212CpCipher(Hj212CipherVectors.TestKey, new Hj212EncryptionOptions { LengthField = Hj212CipherLengthField.TransmittedLength });

        var frame = Text(cipher.EncodeToUtf8(Plain(Hj212CipherVectors.Example2Plain)));

        Assert.StartsWith("##1128QN=", frame, StringComparison.Ordinal);
        Assert.Equal(1128 + Hj212Limits.FrameOverheadBytes, Encoding.UTF8.GetByteCount(frame));
    }

    [Theory]
    [InlineData("2000", true)]
    [InlineData("2011", true)]
    [InlineData("2051", true)]
    [InlineData("2999", true)]
    [InlineData("1014", true)]
    [InlineData("3020", true)]
    [InlineData("1999", false)]
    [InlineData("3000", false)]
    [InlineData("3019", false)]
    [InlineData("1011", false)]
    [InlineData("1013", false)]
    [InlineData("9014", false)]
    [InlineData("9015", false)]
    [InlineData("abcd", false)]
    [InlineData(null, false)]
    public void Only_data_commands_1014_and_3020_are_encrypted(string? cn, bool encrypted)
    {
        Assert.Equal(encrypted, Hj212CpCipher.IsEncryptedCommand(cn));
    }

    [Fact]
    public void Other_commands_go_in_plain_text()
    {
        var packet = Plain(Hj212CipherVectors.Example2Plain) with { Cn = "3019" };

        Assert.Equal(Hj212FrameEncoder.EncodeToUtf8(packet), Cipher.EncodeToUtf8(packet));
    }

    [Fact]
    public void A_CP_shorter_than_one_group_stays_plain_text()
    {
        var packet = Plain(Hj212CipherVectors.Example2Plain) with
        {
            Cp = new Hj212DataAreaBuilder().AddItem("a01011-Avg", "1.35").Build(),
        };

        Assert.Equal(Hj212FrameEncoder.Encode(packet), Text(Cipher.EncodeToUtf8(packet)));
    }

    [Fact]
    public void A_plain_text_frame_passes_through_decryption_unchanged()
    {
        var frame = Encoding.UTF8.GetBytes(Hj212CipherVectors.Example2Plain);

        Assert.True(Cipher.TryDecryptFrame(frame, out var plain, out var error), error);
        Assert.Equal(frame, plain);
    }

    [Fact]
    public void Chinese_log_text_split_by_the_group_boundary_round_trips()
    {
        var station = new Hj212Station("32", "123456", "010000A8900016F000169DC0", Hj212Edition.Edition2025);
        var packet = Hj212Uploads.FieldInformation(
            station,
            "20240601085857223",
            new DateTime(2024, 6, 1, 8, 58, 57),
            "w01018",
            [new Hj212DataItem("i11001-Info", "//清洗管路，反吹完成//")]);

        var decoded = Cipher.Decode(Cipher.EncodeToUtf8(packet));

        Assert.True(decoded.IsSuccess, decoded.Reason);
        Assert.Equal(packet, decoded.Packet);
    }

    [Fact]
    public void A_resent_2025_packet_keeps_RF_in_the_plain_header()
    {
        var packet = Plain(Hj212CipherVectors.Example4Plain).AsResent();

        var frame = Text(Cipher.EncodeToUtf8(packet));

        Assert.Contains(";Flag=9;RF=1;CP=&&{0xE4,", frame, StringComparison.Ordinal);
        Assert.Equal(packet, Cipher.Decode(Encoding.UTF8.GetBytes(frame)).Packet);
    }

    [Fact]
    public void A_split_message_is_encrypted_part_by_part_and_reassembles_after_decryption()
    {
        var station = new Hj212Station("31", "123456", "010000A8900016F000169DC0", Hj212Edition.Edition2025);
        var values = Enumerable.Range(1, 60)
            .Select(i => new Hj212PeriodValue($"a{i:D5}") { Average = i, Minimum = i, Maximum = i, Flag = Hj212DataFlag.Normal });
        var message = Hj212Uploads.MinuteData(station, "20240601085857100", new DateTime(2024, 6, 1, 8, 0, 0), values, acknowledgementRequired: true);
        var qn = 101;
        var parts = Hj212PacketSplitter.Split(message, () => $"20240601085857{qn++}");
        var reassembler = new Hj212Reassembler();
        Hj212Packet? whole = null;

        foreach (var part in parts)
        {
            var decoded = Cipher.Decode(Cipher.EncodeToUtf8(part));
            Assert.True(decoded.IsSuccess, decoded.Reason);
            Assert.Equal(part, decoded.Packet);
            reassembler.TryAdd(decoded.Packet, out whole);
        }

        Assert.True(parts.Count > 1);
        Assert.NotNull(whole);
        Assert.Equal(message.Cp.GetFactorCodes(), whole.Cp.GetFactorCodes());
    }

    [Theory]
    [InlineData(Hj212CipherTextForm.BracedHexBytes)]
    [InlineData(Hj212CipherTextForm.HexDigits)]
    public void The_stream_framer_cuts_encrypted_frames_out_of_a_byte_stream(Hj212CipherTextForm form)
    {
        var cipher = new Hj212CpCipher(Hj212CipherVectors.TestKey, new Hj212EncryptionOptions { Form = form });
        var frame = cipher.EncodeToUtf8(Plain(Hj212CipherVectors.Example4Plain));
        var stream = "noise"u8.ToArray().Concat(frame).Concat(frame).ToArray();

        var first = Hj212StreamFramer.Find(stream);

        Assert.Equal(5, first.SkipBytes);
        Assert.Equal(frame.Length, first.FrameLength);
        Assert.Equal(frame.Length, Hj212StreamFramer.Find(stream.AsSpan(first.ConsumedBytes)).FrameLength);
    }

    [Fact]
    public void A_wrong_key_shows_as_a_CRC_mismatch()
    {
        var other = new Hj212CpCipher("1111111111111111"u8);

        var decoded = other.Decode(Encoding.UTF8.GetBytes(Hj212CipherVectors.Example2Encrypted));

        Assert.Equal(Hj212DecodeError.CrcMismatch, decoded.Error);
    }

    [Theory]
    [InlineData("{0xE4,0xZZ}", "encrypted CP item '0xZZ' is not 0xHH")]
    [InlineData("{0xE4,0x3E", "encrypted CP opens with '{' but has no closing '}'")]
    [InlineData("{0xE4,0x3E}", "the encrypted CP holds 2 bytes, not whole 16-byte groups")]
    public void A_malformed_ciphertext_is_refused_with_its_reason(string cp, string reason)
    {
        var segment = $"QN=20240520210700000;ST=31;CN=2051;PW=123456;MN=AB;Flag=9;CP=&&{cp}&&";
        var frame = Encoding.UTF8.GetBytes($"##{segment.Length:D4}{segment}2200\r\n");

        var decoded = Cipher.Decode(frame);

        Assert.Equal(Hj212DecodeError.BadCipherText, decoded.Error);
        Assert.Equal(reason, decoded.Reason);
    }

    [Fact]
    public void A_length_field_that_fits_neither_count_is_refused()
    {
        var frame = Hj212CipherVectors.Example2Encrypted.Replace("##0295", "##0296", StringComparison.Ordinal);

        var decoded = Cipher.Decode(Encoding.UTF8.GetBytes(frame));

        Assert.Equal(Hj212DecodeError.BadCipherText, decoded.Error);
        Assert.Equal("length field says 296; the encrypted data segment has 1128 bytes and its plain text 295", decoded.Reason);
    }

    [Fact]
    public void Something_that_is_no_frame_gets_the_decoders_reason()
    {
        Assert.Equal(Hj212DecodeError.MissingHeader, Cipher.Decode("QN=1"u8).Error);
    }
}
