using System.Buffers;
using System.Text;
using System.Text.Unicode;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Framing;

/// <summary>
/// Lenient decoder for one frame: any ST, CRC in either case, QN/Flag optional, data segments over 1024 bytes up
/// to <see cref="Hj212DecoderOptions.MaxDataSegmentBytes"/>. It never throws on bad input; every refusal comes back
/// as a <see cref="Hj212DecodeResult"/> with a precise reason.
/// </summary>
public static class Hj212FrameDecoder
{
    private const int HeaderBytes = 2;
    private const int LengthFieldBytes = 4;
    private const int CrcFieldBytes = 4;
    private const int DataSegmentOffset = HeaderBytes + LengthFieldBytes;

    /// <summary>Decodes a frame given as text (it is encoded to UTF-8 first: lengths and CRC count bytes).</summary>
    public static Hj212DecodeResult Decode(string frame, Hj212DecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var byteCount = Encoding.UTF8.GetByteCount(frame);
        var rented = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var written = Encoding.UTF8.GetBytes(frame, rented);
            return Decode(rented.AsSpan(0, written), options);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Decodes a frame from <c>##</c> to CR LF inclusive, as received.</summary>
    public static Hj212DecodeResult Decode(ReadOnlySpan<byte> frame, Hj212DecoderOptions? options = null)
    {
        options ??= Hj212DecoderOptions.Default;
        if (frame.Length < HeaderBytes || frame[0] != '#' || frame[1] != '#')
        {
            return Fail(Hj212DecodeError.MissingHeader, "missing '##' header");
        }

        if (frame.Length < HeaderBytes + 2 || frame[^2] != '\r' || frame[^1] != '\n')
        {
            return Fail(Hj212DecodeError.MissingTrailer, "no CRLF trailer");
        }

        if (frame.Length < Hj212Limits.FrameOverheadBytes)
        {
            return Fail(
                Hj212DecodeError.TooShort,
                $"frame is {frame.Length} bytes, shorter than the {Hj212Limits.FrameOverheadBytes} of a packet with an empty data segment");
        }

        var lengthField = frame.Slice(HeaderBytes, LengthFieldBytes);
        if (!TryParseLength(lengthField, out var declaredLength))
        {
            return Fail(Hj212DecodeError.BadLengthField, $"length field '{Show(lengthField)}' is not 4 decimal digits");
        }

        if (declaredLength > options.MaxDataSegmentBytes)
        {
            return Fail(
                Hj212DecodeError.TooLong,
                $"length {declaredLength} is over the maximum of {options.MaxDataSegmentBytes}",
                declaredLength: declaredLength);
        }

        var actualLength = frame.Length - Hj212Limits.FrameOverheadBytes;
        var dataSegment = frame.Slice(DataSegmentOffset, actualLength);
        var crcField = frame.Slice(DataSegmentOffset + actualLength, CrcFieldBytes);
        var crcFound = Show(crcField);
        if (declaredLength != actualLength)
        {
            return FailWithSegment(
                Hj212DecodeError.LengthMismatch,
                $"length says {declaredLength}, data segment has {actualLength} bytes",
                dataSegment,
                declaredLength,
                crcFound,
                crcComputed: null);
        }

        if (!Hj212Crc.TryParse(crcField, out var crcValue))
        {
            return FailWithSegment(
                Hj212DecodeError.BadCrcField,
                $"CRC field '{crcFound}' is not 4 hex digits",
                dataSegment,
                declaredLength,
                crcFound,
                crcComputed: null);
        }

        var crcComputed = Hj212Crc.Compute(dataSegment);
        if (crcComputed != crcValue)
        {
            return FailWithSegment(
                Hj212DecodeError.CrcMismatch,
                $"CRC {Hj212Crc.Format(crcComputed)} expected, {crcFound} found",
                dataSegment,
                declaredLength,
                crcFound,
                crcComputed);
        }

        if (!Utf8.IsValid(dataSegment))
        {
            return new Hj212DecodeResult
            {
                Error = Hj212DecodeError.BadEncoding,
                Reason = "data segment is not valid UTF-8",
                DeclaredLength = declaredLength,
                DataSegmentByteCount = actualLength,
                CrcFound = crcFound,
                CrcComputed = crcComputed,
            };
        }

        var segmentText = Encoding.UTF8.GetString(dataSegment);
        if (!Hj212DataSegmentParser.TryParse(segmentText, out var packet, out var error, out var reason, out var ignored))
        {
            return new Hj212DecodeResult
            {
                Error = error,
                Reason = reason,
                DeclaredLength = declaredLength,
                DataSegmentByteCount = actualLength,
                DataSegment = segmentText,
                CrcFound = crcFound,
                CrcComputed = crcComputed,
                IgnoredFields = ignored,
            };
        }

        return new Hj212DecodeResult
        {
            Packet = packet,
            UncheckedPacket = packet,
            DeclaredLength = declaredLength,
            DataSegmentByteCount = actualLength,
            DataSegment = segmentText,
            CrcFound = crcFound,
            CrcComputed = crcComputed,
            IgnoredFields = ignored,
        };
    }

    private static bool TryParseLength(ReadOnlySpan<byte> field, out int length)
    {
        length = 0;
        foreach (var digit in field)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            length = (length * 10) + (digit - '0');
        }

        return true;
    }

    private static Hj212DecodeResult Fail(Hj212DecodeError error, string reason, int? declaredLength = null) =>
        new() { Error = error, Reason = reason, DeclaredLength = declaredLength };

    // After a length or CRC failure the segment is still shown (and parsed if it can be), so a human sees what
    // arrived and a receiver can echo the QN in its 9011 answer.
    private static Hj212DecodeResult FailWithSegment(
        Hj212DecodeError error,
        string reason,
        ReadOnlySpan<byte> dataSegment,
        int declaredLength,
        string crcFound,
        ushort? crcComputed)
    {
        string? segmentText = null;
        Hj212Packet? uncheckedPacket = null;
        IReadOnlyList<string> ignoredFields = [];
        if (Utf8.IsValid(dataSegment))
        {
            segmentText = Encoding.UTF8.GetString(dataSegment);
            if (Hj212DataSegmentParser.TryParse(segmentText, out var packet, out _, out _, out var ignored))
            {
                uncheckedPacket = packet;
                ignoredFields = ignored;
            }
        }

        return new Hj212DecodeResult
        {
            Error = error,
            Reason = reason,
            DeclaredLength = declaredLength,
            DataSegmentByteCount = dataSegment.Length,
            DataSegment = segmentText,
            CrcFound = crcFound,
            CrcComputed = crcComputed,
            UncheckedPacket = uncheckedPacket,
            IgnoredFields = ignoredFields,
        };
    }

    private static string Show(ReadOnlySpan<byte> field) => Encoding.UTF8.GetString(field);
}
