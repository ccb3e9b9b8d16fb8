using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Crypto;

/// <summary>
/// HJ 212-2025 CP encryption (§6.4, App. A.2): SM4 with a 16-byte key, ECB, NoPadding, over the characters between
/// <c>CP=&amp;&amp;</c> and the closing <c>&amp;&amp;</c>, in groups of 16; a shorter tail stays plain text; the CRC is
/// computed over the plain-text packet first ("先完成 CRC 校验并组包，再对数据段加密"), so the CRC on the wire is the
/// plain text's. Only the field unit's data commands CN 2000–2999 plus 1014 and 3020 are encrypted (§6.4.4), see
/// <see cref="IsEncryptedCommand"/>. Immutable; one instance per key may serve several threads.
/// </summary>
/// <remarks>
/// <para>Groups are 16 bytes of the UTF-8 text (the standard says characters; they are the same for ASCII, and SM4
/// works on bytes). A tail that splits a multi-byte character stays bytes as they were: the receiver joins them back.</para>
/// <para>Sending follows <see cref="Hj212EncryptionOptions"/> (the wire form is an open question of the standard; the
/// default is App. A.2 as printed). Receiving (<see cref="TryDecryptFrame"/>) is lenient: it recognises either text
/// form and either length count, and hands plain-text packets through untouched, so one code path reads every packet
/// a peer sends (9013/9014 replies and 1xxx/3xxx commands are never encrypted).</para>
/// </remarks>
public sealed class Hj212CpCipher
{
    private const int HeaderBytes = 2;
    private const int LengthDigits = 4;
    private const int DataSegmentOffset = HeaderBytes + LengthDigits;
    private const int BracedBytesPerByte = 5; // "0xE4," and the closing brace instead of the last comma
    private static ReadOnlySpan<byte> CpStart => "CP=&&"u8;
    private static ReadOnlySpan<byte> CpEnd => "&&"u8;

    private readonly Sm4 _sm4;

    /// <summary>Creates the cipher for one key.</summary>
    /// <param name="key">The 16-byte SM4 key (App. A.2's test key is 16 × 0x30, the text <c>0000000000000000</c>).</param>
    /// <param name="options">How packets are written when sending; <see cref="Hj212EncryptionOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">The key is not 16 bytes.</exception>
    public Hj212CpCipher(ReadOnlySpan<byte> key, Hj212EncryptionOptions? options = null)
    {
        _sm4 = new Sm4(key);
        Options = options ?? Hj212EncryptionOptions.Default;
    }

    /// <summary>How packets are written when sending.</summary>
    public Hj212EncryptionOptions Options { get; }

    /// <summary>
    /// True for the CNs whose CP HJ 212-2025 §6.4.4 encrypts: 2000–2999 (data), 1014 (key exchange) and 3020 (field
    /// information). Every other CN (replies 9011–9015, settings, controls) stays plain text.
    /// </summary>
    public static bool IsEncryptedCommand(string? cn) =>
        int.TryParse(cn, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
        && code is (>= 2000 and <= 2999) or 1014 or 3020;

    /// <summary>
    /// Encodes <paramref name="packet"/> for the socket: the plain-text frame of <see cref="Hj212FrameEncoder"/>
    /// (sender's limits, CRC over the plain text), then its CP encrypted when <see cref="IsEncryptedCommand"/> says so.
    /// Split a long message before (the limits count the plain text).
    /// </summary>
    /// <exception cref="ArgumentException">The packet may not be sent as it is; the message says why.</exception>
    public byte[] EncodeToUtf8(Hj212Packet packet) =>
        TryEncodeToUtf8(packet, out var frame, out var error) ? frame : throw new ArgumentException(error, nameof(packet));

    /// <summary>As <see cref="EncodeToUtf8"/>, or says why the packet may not be sent.</summary>
    public bool TryEncodeToUtf8(
        Hj212Packet packet,
        [NotNullWhen(true)] out byte[]? frame,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (!Hj212FrameEncoder.TryEncodeToUtf8(packet, out var plain, out error))
        {
            frame = null;
            return false;
        }

        frame = IsEncryptedCommand(packet.Cn) ? EncryptFrame(plain) : plain;
        return true;
    }

    /// <summary>
    /// Encrypts the CP of an encoded plain-text frame, whatever its CN (the caller decides; <see cref="EncodeToUtf8"/>
    /// applies §6.4.4). The CRC is kept; the length field follows <see cref="Hj212EncryptionOptions.LengthField"/>.
    /// A CP shorter than 16 bytes has nothing to encrypt and comes back unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">The frame is not <c>##dddd…CP=&amp;&amp;…&amp;&amp;XXXX\r\n</c>.</exception>
    public byte[] EncryptFrame(ReadOnlySpan<byte> plaintextFrame)
    {
        if (!TrySplitFrame(plaintextFrame, out var segmentLength, out var regionStart, out var regionLength, out var error))
        {
            throw new ArgumentException(error, nameof(plaintextFrame));
        }

        var blockBytes = regionLength - (regionLength % Sm4.BlockSize);
        if (blockBytes == 0)
        {
            return plaintextFrame.ToArray();
        }

        var region = plaintextFrame.Slice(regionStart, regionLength);
        var cipher = _sm4.EncryptEcb(region[..blockBytes]);
        var tail = region[blockBytes..];
        var cipherText = Options.Form == Hj212CipherTextForm.HexDigits
            ? Convert.ToHexString(cipher)
            : FormatBraced(cipher);
        var transmittedSegment = segmentLength - blockBytes + cipherText.Length;
        var declared = Options.LengthField == Hj212CipherLengthField.TransmittedLength ? transmittedSegment : segmentLength;
        if (declared > 9999)
        {
            throw new ArgumentException($"the encrypted data segment is {transmittedSegment} bytes, more than a 4-digit length field can say", nameof(plaintextFrame));
        }

        var frame = new byte[transmittedSegment + Hj212Limits.FrameOverheadBytes];
        var writer = new Utf8SpanWriter(frame);
        writer.Append("##"u8);
        writer.Append(declared.ToString("D4", CultureInfo.InvariantCulture));
        writer.Append(plaintextFrame[DataSegmentOffset..regionStart]);
        writer.Append(cipherText);
        writer.Append(tail);
        writer.Append(plaintextFrame[(regionStart + regionLength)..]);
        return frame;
    }

    /// <summary>
    /// Turns a received frame back into its plain-text frame (length field = plain-text length, CRC as sent), ready
    /// for <see cref="Hj212FrameDecoder"/>, which then checks the CRC of the plain text: a wrong key shows as a CRC
    /// mismatch. A frame whose CP is not encrypted comes back as it is. Never throws on bad input.
    /// </summary>
    public bool TryDecryptFrame(
        ReadOnlySpan<byte> frame,
        [NotNullWhen(true)] out byte[]? plaintextFrame,
        [NotNullWhen(false)] out string? error)
    {
        plaintextFrame = null;
        if (!TrySplitFrame(frame, out var segmentLength, out var regionStart, out var regionLength, out error))
        {
            return false;
        }

        var region = frame.Slice(regionStart, regionLength);
        var declared = ParseLength(frame);
        byte[] plainBlocks;
        int cipherTextLength;
        if (region.Length > 0 && region[0] == (byte)'{')
        {
            if (!TryParseBraced(region, out plainBlocks, out cipherTextLength, out error))
            {
                return false;
            }
        }
        else if (LooksLikeHexDigits(region))
        {
            // Hex digits have no end mark: the length field says where the ciphertext ends.
            if (!TryMeasureHexDigits(region.Length, segmentLength, declared, out cipherTextLength, out error)
                || !TryParseHexDigits(region[..cipherTextLength], out plainBlocks, out error))
            {
                return false;
            }
        }
        else
        {
            plaintextFrame = frame.ToArray();
            return true;
        }

        if (plainBlocks.Length % Sm4.BlockSize != 0)
        {
            error = $"the encrypted CP holds {plainBlocks.Length} bytes, not whole {Sm4.BlockSize}-byte groups";
            return false;
        }

        var plainSegmentLength = segmentLength - cipherTextLength + plainBlocks.Length;
        if (declared != segmentLength && declared != plainSegmentLength)
        {
            error = $"length field says {declared}; the encrypted data segment has {segmentLength} bytes and its plain text {plainSegmentLength}";
            return false;
        }

        _sm4.DecryptEcb(plainBlocks, plainBlocks);
        var result = new byte[plainSegmentLength + Hj212Limits.FrameOverheadBytes];
        var writer = new Utf8SpanWriter(result);
        writer.Append("##"u8);
        writer.Append(plainSegmentLength.ToString("D4", CultureInfo.InvariantCulture));
        writer.Append(frame[DataSegmentOffset..regionStart]);
        writer.Append(plainBlocks);
        writer.Append(frame[(regionStart + cipherTextLength)..]);
        plaintextFrame = result;
        error = null;
        return true;
    }

    /// <summary>
    /// Decrypts (when encrypted) and decodes a received frame. A ciphertext that cannot be read comes back as
    /// <see cref="Hj212DecodeError.BadCipherText"/>; everything else is <see cref="Hj212FrameDecoder.Decode(ReadOnlySpan{byte}, Hj212DecoderOptions?)"/>'s.
    /// </summary>
    public Hj212DecodeResult Decode(ReadOnlySpan<byte> frame, Hj212DecoderOptions? options = null)
    {
        if (!TryDecryptFrame(frame, out var plain, out var error))
        {
            // Frames that are not HJ 212 frames at all get the decoder's own precise reason.
            var plainAttempt = Hj212FrameDecoder.Decode(frame, options);
            return plainAttempt.Error is Hj212DecodeError.MissingHeader or Hj212DecodeError.MissingTrailer or Hj212DecodeError.TooShort
                or Hj212DecodeError.BadLengthField
                ? plainAttempt
                : new Hj212DecodeResult { Error = Hj212DecodeError.BadCipherText, Reason = error };
        }

        return Hj212FrameDecoder.Decode(plain, options);
    }

    private static string FormatBraced(ReadOnlySpan<byte> cipher)
    {
        return string.Create(cipher.Length * BracedBytesPerByte + 1, cipher.ToArray(), static (text, bytes) =>
        {
            text[0] = '{';
            var position = 1;
            foreach (var value in bytes)
            {
                text[position] = '0';
                text[position + 1] = 'x';
                text[position + 2] = HexDigit(value >> 4);
                text[position + 3] = HexDigit(value & 0xF);
                text[position + 4] = ',';
                position += BracedBytesPerByte;
            }

            text[^1] = '}';
        });
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);

    // "{0xE4,0x3E,…}": bytes between the braces, 0x in either case, spaces tolerated around items.
    private static bool TryParseBraced(
        ReadOnlySpan<byte> region,
        out byte[] bytes,
        out int cipherTextLength,
        [NotNullWhen(false)] out string? error)
    {
        bytes = [];
        cipherTextLength = region.IndexOf((byte)'}') + 1;
        if (cipherTextLength <= 0)
        {
            error = "encrypted CP opens with '{' but has no closing '}'";
            return false;
        }

        var inside = region[1..(cipherTextLength - 1)];
        var values = new List<byte>(inside.Length / BracedBytesPerByte + 1);
        foreach (var range in inside.Split((byte)','))
        {
            var item = inside[range].Trim((byte)' ');
            if (item.Length != 4 || item[0] != '0' || (item[1] | 0x20) != 'x'
                || !TryHexValue(item[2], out var high) || !TryHexValue(item[3], out var low))
            {
                error = $"encrypted CP item '{System.Text.Encoding.UTF8.GetString(item)}' is not 0xHH";
                return false;
            }

            values.Add((byte)((high << 4) | low));
        }

        bytes = values.ToArray();
        error = null;
        return true;
    }

    private static bool LooksLikeHexDigits(ReadOnlySpan<byte> region)
    {
        // A plain-text CP starts with a name and '=' long before 32 characters; 32 hex digits are one SM4 group.
        const int GroupHexDigits = 2 * Sm4.BlockSize;
        if (region.Length < GroupHexDigits)
        {
            return false;
        }

        foreach (var value in region[..GroupHexDigits])
        {
            if (!TryHexValue(value, out _))
            {
                return false;
            }
        }

        return true;
    }

    // With the transmitted length the text is 32·g hex digits plus a tail under 16; with the plain-text length the
    // difference between the two lengths is the 16·g bytes the hex doubled.
    private static bool TryMeasureHexDigits(
        int regionLength,
        int segmentLength,
        int declared,
        out int cipherTextLength,
        [NotNullWhen(false)] out string? error)
    {
        error = null;
        const int GroupHexDigits = 2 * Sm4.BlockSize;
        if (declared == segmentLength)
        {
            cipherTextLength = regionLength / GroupHexDigits * GroupHexDigits;
            if (regionLength - cipherTextLength < Sm4.BlockSize)
            {
                return true;
            }
        }
        else
        {
            var blockBytes = segmentLength - declared;
            cipherTextLength = 2 * blockBytes;
            if (blockBytes > 0 && blockBytes % Sm4.BlockSize == 0 && cipherTextLength <= regionLength)
            {
                return true;
            }
        }

        error = $"length field says {declared}, which fits no hex-text ciphertext in a data segment of {segmentLength} bytes";
        cipherTextLength = 0;
        return false;
    }

    private static bool TryParseHexDigits(ReadOnlySpan<byte> text, out byte[] bytes, [NotNullWhen(false)] out string? error)
    {
        bytes = new byte[text.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            if (!TryHexValue(text[2 * i], out var high) || !TryHexValue(text[(2 * i) + 1], out var low))
            {
                error = $"encrypted CP has a character that is not a hex digit at offset {2 * i}";
                return false;
            }

            bytes[i] = (byte)((high << 4) | low);
        }

        error = null;
        return true;
    }

    private static bool TryHexValue(byte digit, out int value)
    {
        value = digit switch
        {
            >= (byte)'0' and <= (byte)'9' => digit - '0',
            >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
            >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }

    private static int ParseLength(ReadOnlySpan<byte> frame)
    {
        var length = 0;
        foreach (var digit in frame.Slice(HeaderBytes, LengthDigits))
        {
            length = (length * 10) + (digit - '0');
        }

        return length;
    }

    // Finds the data segment and, inside it, the text between "CP=&&" and the closing "&&".
    private static bool TrySplitFrame(
        ReadOnlySpan<byte> frame,
        out int segmentLength,
        out int regionStart,
        out int regionLength,
        [NotNullWhen(false)] out string? error)
    {
        segmentLength = regionStart = regionLength = 0;
        if (frame.Length < Hj212Limits.FrameOverheadBytes || frame[0] != '#' || frame[1] != '#'
            || frame[^2] != '\r' || frame[^1] != '\n')
        {
            error = "not an HJ 212 frame (## … CR LF)";
            return false;
        }

        foreach (var digit in frame.Slice(HeaderBytes, LengthDigits))
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                error = "length field is not 4 decimal digits";
                return false;
            }
        }

        segmentLength = frame.Length - Hj212Limits.FrameOverheadBytes;
        var segment = frame.Slice(DataSegmentOffset, segmentLength);
        var cp = segment.IndexOf(CpStart);
        // Header values never hold '&' or '=', so the first "CP=&&" that starts a field is the CP.
        while (cp > 0 && segment[cp - 1] != ';')
        {
            var next = segment[(cp + 1)..].IndexOf(CpStart);
            cp = next < 0 ? -1 : cp + 1 + next;
        }

        if (cp < 0 || segmentLength - cp < CpStart.Length + CpEnd.Length || !segment.EndsWith(CpEnd))
        {
            error = "data segment has no CP=&&…&& field";
            return false;
        }

        regionStart = DataSegmentOffset + cp + CpStart.Length;
        regionLength = segmentLength - cp - CpStart.Length - CpEnd.Length;
        error = null;
        return true;
    }
}
