namespace EdgeGateway.Hj212.Framing;

/// <summary>
/// Cuts frames out of a TCP byte stream. A frame runs from <c>##</c> to the first CR LF: the trailer, not the length
/// field, ends it, so a wrong length costs one frame (which the decoder then refuses with its reason) and not the
/// stream. A new <c>##</c> followed by four digits before the CR LF means the earlier frame was cut off: the
/// framer drops it and resynchronises there.
/// </summary>
public static class Hj212StreamFramer
{
    private const int LengthDigits = 4;

    /// <summary>Finds the next frame in <paramref name="received"/>.</summary>
    /// <param name="received">Bytes received and not yet consumed.</param>
    /// <param name="maxFrameBytes">
    /// Longest frame accepted; an unterminated frame longer than this is dropped so a broken peer cannot make the
    /// buffer grow without end. The default fits the decoder's default maximum data segment.
    /// </param>
    public static Hj212FrameSearch Find(
        ReadOnlySpan<byte> received,
        int maxFrameBytes = Hj212Limits.DefaultMaxReceivedDataSegmentBytes + Hj212Limits.FrameOverheadBytes)
    {
        var start = received.IndexOf("##"u8);
        if (start < 0)
        {
            // Keep a trailing '#': it may be the first half of the next header.
            var keep = received.Length > 0 && received[^1] == '#' ? 1 : 0;
            return new Hj212FrameSearch(received.Length - keep, 0);
        }

        // "###0101…": the header is the last two of a run of '#'.
        while (start + 2 < received.Length && received[start + 2] == '#')
        {
            start++;
        }

        while (true)
        {
            var rest = received[(start + 2)..];
            var end = rest.IndexOf("\r\n"u8);
            var restart = NextHeader(rest, end < 0 ? rest.Length : end);
            if (restart >= 0)
            {
                start += 2 + restart;
                continue;
            }

            if (end >= 0)
            {
                return new Hj212FrameSearch(start, 2 + end + 2);
            }

            return received.Length - start > maxFrameBytes
                ? new Hj212FrameSearch(received.Length, 0)
                : new Hj212FrameSearch(start, 0);
        }
    }

    /// <summary>Offset in <paramref name="rest"/> of a <c>##dddd</c> header before <paramref name="limit"/>, or -1.</summary>
    private static int NextHeader(ReadOnlySpan<byte> rest, int limit)
    {
        var searched = 0;
        while (searched < limit)
        {
            var found = rest[searched..limit].IndexOf("##"u8);
            if (found < 0)
            {
                return -1;
            }

            var at = searched + found;
            var digits = rest[(at + 2)..];
            if (digits.Length >= LengthDigits && IsDigits(digits[..LengthDigits]))
            {
                return at;
            }

            searched = at + 1;
        }

        return -1;
    }

    private static bool IsDigits(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }
}
