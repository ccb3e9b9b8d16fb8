using System.Globalization;
using System.Text;
using EdgeGateway.Hj212.Framing;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>Byte-level helpers on encoded HJ 212 frames (<c>##dddd…CRC\r\n</c>) the session sends.</summary>
internal static class PlatformFrames
{
    /// <summary>What <see cref="MarkResent"/> adds to a data segment: <c>RF=1;</c>.</summary>
    public const int ResentMarkBytes = 5;

    private const int HeaderBytes = 6;
    private const int TrailerBytes = 6;

    /// <summary>The frames of an encoder payload (each ends in CR LF).</summary>
    public static IReadOnlyList<byte[]> Split(byte[] payload)
    {
        var frames = new List<byte[]>(1);
        var start = 0;
        while (start < payload.Length)
        {
            var end = payload.AsSpan(start).IndexOf("\r\n"u8);
            var length = end < 0 ? payload.Length - start : end + 2;
            frames.Add(payload.AsSpan(start, length).ToArray());
            start += length;
        }

        return frames;
    }

    /// <summary>The QN of a frame the gateway encoded (its data segment starts with <c>QN=</c>); empty when it has none.</summary>
    public static string QnOf(byte[] frame)
    {
        var segment = frame.AsSpan(HeaderBytes);
        if (!segment.StartsWith("QN="u8))
        {
            return string.Empty;
        }

        var end = segment.IndexOf((byte)';');
        return end < 3 ? string.Empty : Encoding.ASCII.GetString(segment[3..end]);
    }

    /// <summary>The CN of a frame the gateway encoded (<c>;CN=…;</c> in its header); null when it has none.</summary>
    public static string? CommandOf(byte[] frame)
    {
        var segment = frame.AsSpan(HeaderBytes);
        var cp = segment.IndexOf("CP=&&"u8);
        var header = cp < 0 ? segment : segment[..cp];
        var at = header.IndexOf(";CN="u8);
        if (at < 0)
        {
            return null;
        }

        var value = header[(at + 4)..];
        var end = value.IndexOf((byte)';');
        return end < 0 ? null : Encoding.ASCII.GetString(value[..end]);
    }

    /// <summary>
    /// The same frame with <c>RF=1;</c> before <c>CP=</c> (HJ 212-2025 Table 3: a re-sent packet), its length and
    /// CRC computed anew. The QN stays: the platform de-duplicates on it.
    /// </summary>
    public static byte[] MarkResent(byte[] frame)
    {
        // On the encoded frame, not the packet (Hj212Packet.AsResent): the backlog comes from the encoder as frames.
        var segment = Encoding.UTF8.GetString(frame.AsSpan(HeaderBytes, frame.Length - HeaderBytes - TrailerBytes));
        var cp = segment.IndexOf(";CP=&&", StringComparison.Ordinal);
        if (cp < 0 || segment.Contains(";RF=", StringComparison.Ordinal))
        {
            return frame;
        }

        return Frame(segment.Insert(cp + 1, "RF=1;"));
    }

    /// <summary>Frames a data segment: <c>##</c>, its UTF-8 length, the segment, its CRC, CR LF.</summary>
    public static byte[] Frame(string dataSegment)
    {
        var segment = Encoding.UTF8.GetBytes(dataSegment);
        var frame = new byte[HeaderBytes + segment.Length + TrailerBytes];
        "##"u8.CopyTo(frame);
        Encoding.ASCII.GetBytes(segment.Length.ToString("D4", CultureInfo.InvariantCulture), frame.AsSpan(2, 4));
        segment.CopyTo(frame.AsSpan(HeaderBytes));
        Hj212Crc.Format(Hj212Crc.Compute(segment), frame.AsSpan(HeaderBytes + segment.Length, 4));
        frame[^2] = (byte)'\r';
        frame[^1] = (byte)'\n';
        return frame;
    }
}
