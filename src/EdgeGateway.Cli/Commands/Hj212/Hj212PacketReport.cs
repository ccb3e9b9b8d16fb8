using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Cli.Commands.Hj212;

/// <summary>
/// What <c>egw hj212 check PACKET</c> shows: whether a frame is valid, why not, and its fields with their meanings,
/// as lines for a terminal (<see cref="ToLines"/>) or as a JSON-friendly model (<see cref="ToJson"/>).
/// On a length or CRC failure the fields are still shown, marked as not verified.
/// </summary>
internal sealed class Hj212PacketReport
{
    private const string Trailer = "\r\n";

    // Relaxed escaping keeps Chinese log text readable in the JSON a human reads; it is never embedded in HTML.
    private static readonly Hj212ReportJsonContext ReadableJson = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>True when the frame decoded.</summary>
    public bool Valid { get; init; }

    /// <summary>Why the frame was refused, e.g. <c>CRC 1C80 expected, 1C08 found</c>.</summary>
    public string? Error { get; init; }

    /// <summary>The kind of refusal, e.g. <c>CrcMismatch</c>.</summary>
    public string? ErrorKind { get; init; }

    /// <summary>Remarks on the input or the packet (trailer added, fields ignored, limits exceeded …).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The length field's value.</summary>
    public int? DeclaredLength { get; init; }

    /// <summary>Bytes found in the data segment.</summary>
    public int? DataSegmentBytes { get; init; }

    /// <summary>The CRC as sent.</summary>
    public string? CrcFound { get; init; }

    /// <summary>The CRC the data segment has.</summary>
    public string? CrcComputed { get; init; }

    /// <summary>The data segment's text, when the frame's header and trailer were found.</summary>
    public string? DataSegment { get; init; }

    /// <summary>False when the fields below come from a frame whose length or CRC is wrong.</summary>
    public bool FieldsVerified { get; init; }

    /// <summary>QN as sent.</summary>
    public string? Qn { get; init; }

    /// <summary>QN read as a time, <c>yyyy-MM-dd HH:mm:ss.fff</c>.</summary>
    public string? QnTime { get; init; }

    /// <summary>ST as sent.</summary>
    public string? St { get; init; }

    /// <summary>What the ST means.</summary>
    public string? StMeaning { get; init; }

    /// <summary>CN as sent.</summary>
    public string? Cn { get; init; }

    /// <summary>What the CN means.</summary>
    public string? CnMeaning { get; init; }

    /// <summary>PW as sent.</summary>
    public string? Pw { get; init; }

    /// <summary>MN as sent.</summary>
    public string? Mn { get; init; }

    /// <summary>Flag's value.</summary>
    public int? Flag { get; init; }

    /// <summary>The edition Flag's version bits name.</summary>
    public string? Edition { get; init; }

    /// <summary>Flag.A.</summary>
    public bool? AcknowledgementRequired { get; init; }

    /// <summary>Flag.D.</summary>
    public bool? Split { get; init; }

    /// <summary>PNUM.</summary>
    public int? Pnum { get; init; }

    /// <summary>PNO.</summary>
    public int? Pno { get; init; }

    /// <summary>The CP data area, group by group.</summary>
    public IReadOnlyList<IReadOnlyList<Hj212ReportItem>>? Cp { get; init; }

    /// <summary>
    /// Checks a packet a human typed or pasted. A shell argument cannot carry CR LF, so a missing trailer (or a
    /// literal <c>\r\n</c>) is supplied and noted rather than refused; surrounding whitespace is ignored.
    /// </summary>
    public static Hj212PacketReport Check(string input, Hj212DecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var notes = new List<string>();
        var frame = input.Trim();
        if (frame.EndsWith("\\r\\n", StringComparison.Ordinal))
        {
            frame = frame[..^4];
        }
        else if (frame.EndsWith("\\n", StringComparison.Ordinal))
        {
            frame = frame[..^2];
        }

        frame += Trailer;
        if (!string.Equals(frame, input, StringComparison.Ordinal))
        {
            notes.Add("no CR LF at the end of the input; checked as if it were there");
        }

        return Create(Hj212FrameDecoder.Decode(frame, options), notes);
    }

    /// <summary>Builds the report of a decode result (e.g. of bytes captured from a socket).</summary>
    public static Hj212PacketReport Create(Hj212DecodeResult result) => Create(result, []);

    /// <summary>The report as lines for a terminal; the first line says valid or <c>bad packet: reason</c>.</summary>
    public IReadOnlyList<string> ToLines()
    {
        var lines = new List<string>();
        if (Valid)
        {
            lines.Add($"valid packet: {DataSegmentBytes}-byte data segment, CRC {CrcFound}");
        }
        else
        {
            lines.Add($"bad packet: {Error}");
        }

        foreach (var note in Notes)
        {
            lines.Add($"note: {note}");
        }

        if (St is null)
        {
            // The fields could not be read; the raw segment still shows a human what arrived.
            if (DataSegment is not null)
            {
                lines.Add($"data segment: {DataSegment}");
            }

            return lines;
        }

        if (!FieldsVerified)
        {
            lines.Add("fields as sent (not verified):");
        }

        if (Qn is not null)
        {
            lines.Add(Field("QN", Qn, QnTime));
        }

        lines.Add(Field("ST", St, StMeaning));
        lines.Add(Field("CN", Cn, CnMeaning));
        lines.Add(Field("PW", Pw, null));
        lines.Add(Field("MN", Mn, null));
        if (Flag is { } flag)
        {
            lines.Add(Field("Flag", flag.ToString(CultureInfo.InvariantCulture), DescribeFlag()));
        }

        if (Pnum is not null)
        {
            lines.Add(Field("PNUM", Pnum.Value.ToString(CultureInfo.InvariantCulture), null));
            lines.Add(Field("PNO", Pno?.ToString(CultureInfo.InvariantCulture), null));
        }

        if (Cp is null || Cp.Count == 0)
        {
            lines.Add(Field("CP", "(empty)", null));
            return lines;
        }

        for (var g = 0; g < Cp.Count; g++)
        {
            var items = Cp[g].Select(item => item.Meaning is null
                ? $"{item.Name}={item.Value}"
                : $"{item.Name}={item.Value} ({item.Meaning})");
            lines.Add(Field(g == 0 ? "CP" : string.Empty, string.Join(", ", items), null));
        }

        return lines;
    }

    /// <summary>The report as indented JSON (camelCase, nulls left out).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ReadableJson.Hj212PacketReport);

    private static Hj212PacketReport Create(Hj212DecodeResult result, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(result);
        var packet = result.Packet ?? result.UncheckedPacket;
        foreach (var ignored in result.IgnoredFields)
        {
            notes.Add($"header field '{ignored}' is not in the standard; ignored");
        }

        if (result.IsSuccess)
        {
            var size = Hj212FrameEncoder.Measure(result.Packet);
            if (!size.IsWithinSendLimits)
            {
                notes.Add($"over the sender's limits (data segment {size.DataSegmentBytes}/{Hj212Limits.MaxDataSegmentBytes}, CP {size.CpBytes}/{Hj212Limits.MaxCpBytes} bytes); accepted on receive");
            }

            if (result.CrcFound is { } crc && crc.AsSpan().ContainsAnyInRange('a', 'f'))
            {
                notes.Add("CRC written in lowercase; the standard prints uppercase");
            }
        }

        return new Hj212PacketReport
        {
            Valid = result.IsSuccess,
            Error = result.Reason,
            ErrorKind = result.IsSuccess ? null : DescribeError(result.Error),
            Notes = notes,
            DeclaredLength = result.DeclaredLength,
            DataSegmentBytes = result.DataSegmentByteCount,
            CrcFound = result.CrcFound,
            CrcComputed = result.CrcComputed is { } computed ? Hj212Crc.Format(computed) : null,
            DataSegment = result.DataSegment,
            FieldsVerified = result.IsSuccess,
            Qn = packet?.Qn,
            QnTime = packet is not null && packet.TryGetQnTime(out var qnTime)
                ? qnTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)
                : null,
            St = packet?.St,
            StMeaning = packet is not null && Hj212Codes.TryParseSystemCode(packet.St, out var st) ? Hj212Codes.Describe(st) : null,
            Cn = packet?.Cn,
            CnMeaning = packet is not null && packet.TryGetCommandCode(out var cn) ? Hj212Codes.Describe(cn) : null,
            Pw = packet?.Pw,
            Mn = packet?.Mn,
            Flag = packet?.Flag?.Value,
            Edition = packet?.Flag is { } flag ? Hj212Codes.Describe(flag.Edition) ?? $"version bits {flag.VersionBits}" : null,
            AcknowledgementRequired = packet?.Flag?.AcknowledgementRequired,
            Split = packet?.Flag?.IsSplit,
            Pnum = packet?.Pnum,
            Pno = packet?.Pno,
            Cp = packet?.Cp.Groups
                .Select(group => (IReadOnlyList<Hj212ReportItem>)group.Select(Describe).ToArray())
                .ToArray(),
        };
    }

    private string DescribeFlag()
    {
        var parts = new List<string> { Edition ?? "no edition" };
        parts.Add(AcknowledgementRequired == true ? "acknowledgement required" : "no acknowledgement");
        if (Split == true)
        {
            parts.Add("split");
        }

        return string.Join(", ", parts);
    }

    private static string Field(string name, string? value, string? meaning) =>
        meaning is null ? $"{name,-5} {value}" : $"{name,-5} {value} ({meaning})";

    private static Hj212ReportItem Describe(Hj212DataItem item) => new(item.Name, item.Value, Meaning(item));

    private static string? Meaning(Hj212DataItem item)
    {
        switch (item.Name)
        {
            case Hj212FieldNames.QnRtn:
                return int.TryParse(item.Value, CultureInfo.InvariantCulture, out var qnRtn) ? Hj212Codes.Describe((Hj212QnRtn)qnRtn) : null;
            case Hj212FieldNames.ExeRtn:
                return int.TryParse(item.Value, CultureInfo.InvariantCulture, out var exeRtn) ? Hj212Codes.Describe((Hj212ExeRtn)exeRtn) : null;
            case Hj212FieldNames.DataTime or Hj212FieldNames.BeginTime or Hj212FieldNames.EndTime
                or Hj212FieldNames.SystemTime or Hj212FieldNames.RestartTime:
                return ReadableTime(item.Value);
        }

        if (!Hj212FieldNames.TrySplitFactorField(item.Name, out var code, out var suffix))
        {
            return null;
        }

        var factor = Hj212FactorNames.Describe(code);
        string? fieldMeaning = null;
        if (Hj212FieldNames.TryParseSuffix(suffix, out var field))
        {
            fieldMeaning = field switch
            {
                Hj212FactorField.Flag => Hj212Codes.TryParseDataFlag(item.Value, out var flag)
                    ? $"data flag: {Hj212Codes.Describe(flag)}"
                    : "data flag (not in Table 8)",
                Hj212FactorField.SampleTime => ReadableTime(item.Value) is { } time ? $"sampled {time}" : "sampling time",
                _ => DescribeSuffix(field),
            };
        }

        return (factor, fieldMeaning) switch
        {
            (null, null) => null,
            (null, _) => fieldMeaning,
            (_, null) => factor,
            _ => $"{factor} {fieldMeaning}",
        };
    }

    private static string? DescribeSuffix(Hj212FactorField field) => field switch
    {
        Hj212FactorField.Rtd => "real-time value",
        Hj212FactorField.Min => "minimum",
        Hj212FactorField.Avg => "average",
        Hj212FactorField.Max => "maximum",
        Hj212FactorField.Cou => "cumulative",
        Hj212FactorField.ZsRtd => "converted real-time value",
        Hj212FactorField.ZsMin => "converted minimum",
        Hj212FactorField.ZsAvg => "converted average",
        Hj212FactorField.ZsMax => "converted maximum",
        Hj212FactorField.EFlag => "extended flag",
        Hj212FactorField.SN => "instrument ID",
        Hj212FactorField.Info => "information",
        Hj212FactorField.RS => "run state (0 off, 1 running, 2 calibrating, 3 maintenance, 4 alarm, 5 blow-back)",
        _ => null,
    };

    private static string? ReadableTime(string value) =>
        Hj212Time.TryParse(value, out var time) ? time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : null;

    private static string DescribeError(Hj212DecodeError error) => error switch
    {
        Hj212DecodeError.None => "None",
        Hj212DecodeError.MissingHeader => "MissingHeader",
        Hj212DecodeError.MissingTrailer => "MissingTrailer",
        Hj212DecodeError.TooShort => "TooShort",
        Hj212DecodeError.BadLengthField => "BadLengthField",
        Hj212DecodeError.TooLong => "TooLong",
        Hj212DecodeError.LengthMismatch => "LengthMismatch",
        Hj212DecodeError.BadCrcField => "BadCrcField",
        Hj212DecodeError.CrcMismatch => "CrcMismatch",
        Hj212DecodeError.BadEncoding => "BadEncoding",
        Hj212DecodeError.MissingField => "MissingField",
        Hj212DecodeError.DuplicateField => "DuplicateField",
        Hj212DecodeError.BadField => "BadField",
        Hj212DecodeError.BadDataArea => "BadDataArea",
        _ => "Unknown",
    };
}
