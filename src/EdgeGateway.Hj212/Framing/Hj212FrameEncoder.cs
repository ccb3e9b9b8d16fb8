using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Framing;

/// <summary>
/// Strict encoder: <c>##</c> + 4-digit length of the UTF-8 data segment + data segment + 4 uppercase hex CRC +
/// CR LF. Refuses what the standard forbids a sender: a data segment over 1024 bytes or a CP over 950 (split such
/// messages with <see cref="Splitting.Hj212PacketSplitter"/>), separators inside values, PNUM/PNO that disagree
/// with Flag.D.
/// </summary>
public static class Hj212FrameEncoder
{
    // Characters that would change how a receiver splits the segment if they appeared inside a header value or a
    // CP name. CR and LF would end the frame early.
    private static readonly SearchValues<char> HeaderValueForbidden = SearchValues.Create(";=&\r\n");
    private static readonly SearchValues<char> ItemNameForbidden = SearchValues.Create(";=,&\r\n");
    private static readonly SearchValues<char> ItemValueSeparators = SearchValues.Create(";,\r\n");

    /// <summary>Measures the data segment and the CP field in UTF-8 bytes, without checking anything.</summary>
    public static Hj212PacketSize Measure(Hj212Packet packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var counter = new Utf8ByteCounter();
        var cpStart = WriteDataSegment(packet, ref counter);
        return new Hj212PacketSize(counter.Position, counter.Position - cpStart);
    }

    /// <summary>Why the packet may not be sent as it is, or null when it may.</summary>
    public static string? Validate(Hj212Packet packet) => Prepare(packet, out _);

    /// <summary>Encodes the frame as UTF-8 bytes, ready for the socket.</summary>
    /// <exception cref="ArgumentException">The packet may not be sent as it is; the message says why.</exception>
    public static byte[] EncodeToUtf8(Hj212Packet packet) =>
        TryEncodeToUtf8(packet, out var frame, out var error) ? frame : throw new ArgumentException(error, nameof(packet));

    /// <summary>Encodes the frame as a string (including the CR LF trailer).</summary>
    /// <exception cref="ArgumentException">The packet may not be sent as it is; the message says why.</exception>
    public static string Encode(Hj212Packet packet)
    {
        var error = Prepare(packet, out var dataSegmentBytes);
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(packet));
        }

        var frameLength = dataSegmentBytes + Hj212Limits.FrameOverheadBytes;
        var rented = ArrayPool<byte>.Shared.Rent(frameLength);
        try
        {
            WriteFrame(packet, dataSegmentBytes, rented.AsSpan(0, frameLength));
            return Encoding.UTF8.GetString(rented, 0, frameLength);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Encodes the frame as UTF-8 bytes, or says why the packet may not be sent.</summary>
    public static bool TryEncodeToUtf8(
        Hj212Packet packet,
        [NotNullWhen(true)] out byte[]? frame,
        [NotNullWhen(false)] out string? error)
    {
        frame = null;
        error = Prepare(packet, out var dataSegmentBytes);
        if (error is not null)
        {
            return false;
        }

        frame = new byte[dataSegmentBytes + Hj212Limits.FrameOverheadBytes];
        WriteFrame(packet, dataSegmentBytes, frame);
        return true;
    }

    /// <summary>
    /// Writes the frame into <paramref name="destination"/> and returns its length, or -1 when the destination is
    /// too small. For senders that reuse one buffer per connection.
    /// </summary>
    /// <exception cref="ArgumentException">The packet may not be sent as it is; the message says why.</exception>
    public static int EncodeToUtf8(Hj212Packet packet, Span<byte> destination)
    {
        var error = Prepare(packet, out var dataSegmentBytes);
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(packet));
        }

        var frameLength = dataSegmentBytes + Hj212Limits.FrameOverheadBytes;
        if (destination.Length < frameLength)
        {
            return -1;
        }

        WriteFrame(packet, dataSegmentBytes, destination[..frameLength]);
        return frameLength;
    }

    /// <summary>The data segment's text, without any check (for display and for <see cref="Hj212Packet.ToString"/>).</summary>
    internal static string FormatDataSegment(Hj212Packet packet)
    {
        var counter = new Utf8ByteCounter();
        WriteDataSegment(packet, ref counter);
        var rented = ArrayPool<byte>.Shared.Rent(counter.Position);
        try
        {
            var writer = new Utf8SpanWriter(rented);
            WriteDataSegment(packet, ref writer);
            return Encoding.UTF8.GetString(rented, 0, writer.Position);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Checks the packet against the sender's rules and measures it in one pass; returns why not, or null.</summary>
    private static string? Prepare(Hj212Packet packet, out int dataSegmentBytes)
    {
        ArgumentNullException.ThrowIfNull(packet);
        dataSegmentBytes = 0;
        var fieldError = ValidateFields(packet);
        if (fieldError is not null)
        {
            return fieldError;
        }

        var counter = new Utf8ByteCounter();
        var cpStart = WriteDataSegment(packet, ref counter);
        dataSegmentBytes = counter.Position;
        var cpBytes = counter.Position - cpStart;
        if (dataSegmentBytes > Hj212Limits.MaxDataSegmentBytes)
        {
            return $"data segment is {dataSegmentBytes} bytes, over the limit of {Hj212Limits.MaxDataSegmentBytes}; split the message";
        }

        if (cpBytes > Hj212Limits.MaxCpBytes)
        {
            return $"CP is {cpBytes} bytes, over the limit of {Hj212Limits.MaxCpBytes}; split the message";
        }

        return null;
    }

    private static void WriteFrame(Hj212Packet packet, int dataSegmentBytes, Span<byte> frame)
    {
        frame[0] = (byte)'#';
        frame[1] = (byte)'#';
        frame[2] = (byte)('0' + (dataSegmentBytes / 1000 % 10));
        frame[3] = (byte)('0' + (dataSegmentBytes / 100 % 10));
        frame[4] = (byte)('0' + (dataSegmentBytes / 10 % 10));
        frame[5] = (byte)('0' + (dataSegmentBytes % 10));
        var writer = new Utf8SpanWriter(frame[6..]);
        WriteDataSegment(packet, ref writer);
        var dataSegment = frame.Slice(6, dataSegmentBytes);
        Hj212Crc.Format(Hj212Crc.Compute(dataSegment), frame.Slice(6 + dataSegmentBytes, 4));
        frame[^2] = (byte)'\r';
        frame[^1] = (byte)'\n';
    }

    /// <summary>Writes the data segment through <paramref name="sink"/>; returns where <c>CP=</c> starts.</summary>
    private static int WriteDataSegment<TSink>(Hj212Packet packet, ref TSink sink)
        where TSink : IUtf8SegmentSink, allows ref struct
    {
        if (packet.Qn is not null)
        {
            sink.Append("QN="u8);
            sink.Append(packet.Qn);
            sink.Append(";"u8);
        }

        sink.Append("ST="u8);
        sink.Append(packet.St);
        sink.Append(";CN="u8);
        sink.Append(packet.Cn);
        sink.Append(";PW="u8);
        sink.Append(packet.Pw);
        sink.Append(";MN="u8);
        sink.Append(packet.Mn);
        sink.Append(";"u8);
        if (packet.Flag is { } flag)
        {
            sink.Append("Flag="u8);
            sink.Append(flag.Value);
            sink.Append(";"u8);
        }

        if (packet.Pnum is { } pnum)
        {
            sink.Append("PNUM="u8);
            sink.Append(pnum);
            sink.Append(";"u8);
        }

        if (packet.Pno is { } pno)
        {
            sink.Append("PNO="u8);
            sink.Append(pno);
            sink.Append(";"u8);
        }

        if (packet.Resent)
        {
            sink.Append("RF=1;"u8);
        }

        var cpStart = sink.Position;
        sink.Append("CP=&&"u8);
        var groups = packet.Cp.GroupArrays;
        for (var g = 0; g < groups.Length; g++)
        {
            if (g > 0)
            {
                sink.Append(";"u8);
            }

            var group = groups[g];
            for (var i = 0; i < group.Length; i++)
            {
                if (i > 0)
                {
                    sink.Append(","u8);
                }

                sink.Append(group[i].Name);
                sink.Append("="u8);
                sink.Append(group[i].Value);
            }
        }

        sink.Append("&&"u8);
        return cpStart;
    }

    private static string? ValidateFields(Hj212Packet packet)
    {
        if (packet.Qn is not null && CheckHeaderValue("QN", packet.Qn, allowEmpty: false) is { } qnError)
        {
            return qnError;
        }

        var headerError = CheckHeaderValue("ST", packet.St, allowEmpty: false)
            ?? CheckHeaderValue("CN", packet.Cn, allowEmpty: false)
            ?? CheckHeaderValue("PW", packet.Pw, allowEmpty: false)
            ?? CheckHeaderValue("MN", packet.Mn, allowEmpty: false);
        if (headerError is not null)
        {
            return headerError;
        }

        var split = packet.Flag is { IsSplit: true };
        if (split != (packet.Pnum is not null) || split != (packet.Pno is not null))
        {
            return split
                ? "Flag says split (D=1), so PNUM and PNO are required"
                : "PNUM and PNO belong only to a packet whose Flag says split (D=1)";
        }

        if (split && (packet.Pnum is < 1 or > Hj212Limits.MaxPacketCount || packet.Pno < 1 || packet.Pno > packet.Pnum))
        {
            return $"PNO {packet.Pno} of PNUM {packet.Pnum} is out of range (1 ≤ PNO ≤ PNUM ≤ {Hj212Limits.MaxPacketCount})";
        }

        if (packet.Resent && packet.Flag is not { VersionBits: >= (int)Hj212Edition.Edition2025 })
        {
            return $"RF=1 is a field of HJ 212-2025; Flag {packet.Flag?.ToString() ?? "(none)"} is of an earlier edition";
        }

        foreach (var group in packet.Cp.GroupArrays)
        {
            foreach (var item in group)
            {
                var itemError = CheckItem(item);
                if (itemError is not null)
                {
                    return itemError;
                }
            }
        }

        return null;
    }

    private static string? CheckHeaderValue(string field, string value, bool allowEmpty)
    {
        if (!allowEmpty && value.Length == 0)
        {
            return $"field '{field}' is empty";
        }

        return value.AsSpan().ContainsAny(HeaderValueForbidden)
            ? $"field '{field}' value '{value}' contains one of ; = & CR LF"
            : null;
    }

    private static string? CheckItem(Hj212DataItem item)
    {
        if (string.IsNullOrEmpty(item.Name))
        {
            return "CP item has an empty name";
        }

        if (item.Name.AsSpan().ContainsAny(ItemNameForbidden))
        {
            return $"CP item name '{item.Name}' contains one of ; = , & CR LF";
        }

        var value = item.Value ?? string.Empty;
        if (value.Contains("&&", StringComparison.Ordinal))
        {
            return $"CP item '{item.Name}' value contains '&&'";
        }

        if (IsLogText(value))
        {
            return value.AsSpan().ContainsAny('\r', '\n') ? $"log text of '{item.Name}' contains CR or LF" : null;
        }

        return value.AsSpan().ContainsAny(ItemValueSeparators)
            ? $"CP item '{item.Name}' value '{value}' contains one of ; , CR LF (only //log text// may)"
            : null;
    }

    // Log text sits between "//" and "//" and may hold separators; a second "//" inside would end it early.
    private static bool IsLogText(string value) =>
        value.Length >= 4
        && value.StartsWith("//", StringComparison.Ordinal)
        && value.EndsWith("//", StringComparison.Ordinal)
        && value.IndexOf("//", 2, value.Length - 4, StringComparison.Ordinal) < 0;
}
