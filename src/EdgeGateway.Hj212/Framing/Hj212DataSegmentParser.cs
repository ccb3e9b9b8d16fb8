using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Framing;

/// <summary>
/// Parses a data segment's text into a packet, leniently: header fields in any order, QN and Flag optional
/// (2005 packets), unknown header fields skipped and reported, any ST accepted.
/// </summary>
internal static class Hj212DataSegmentParser
{
    private const string CpPrefix = "CP=";
    private const string CpWrapper = "&&";

    public static bool TryParse(
        string segment,
        [NotNullWhen(true)] out Hj212Packet? packet,
        out Hj212DecodeError error,
        [NotNullWhen(false)] out string? reason,
        out IReadOnlyList<string> ignoredFields)
    {
        packet = null;
        error = Hj212DecodeError.None;
        reason = null;
        ignoredFields = [];
        List<string>? ignored = null;

        string? qn = null, st = null, cn = null, pw = null, mn = null, flagText = null, pnumText = null, pnoText = null, rfText = null;
        var cpStart = -1;
        var position = 0;
        while (position < segment.Length)
        {
            if (segment.AsSpan(position).StartsWith(CpPrefix, StringComparison.Ordinal))
            {
                cpStart = position + CpPrefix.Length;
                break;
            }

            var semicolon = segment.IndexOf(';', position);
            if (semicolon < 0)
            {
                // The last header field is not followed by ';' and no CP comes after it.
                break;
            }

            var equals = segment.IndexOf('=', position, semicolon - position);
            if (equals <= position)
            {
                return Fail(
                    Hj212DecodeError.BadField,
                    $"field '{Hj212DataAreaParser.Excerpt(segment, position, semicolon)}' is not name=value",
                    out error,
                    out reason);
            }

            var name = segment.AsSpan(position, equals - position);
            var value = segment.Substring(equals + 1, semicolon - equals - 1);
            var duplicate = name switch
            {
                "QN" => !Assign(ref qn, value),
                "ST" => !Assign(ref st, value),
                "CN" => !Assign(ref cn, value),
                "PW" => !Assign(ref pw, value),
                "MN" => !Assign(ref mn, value),
                "Flag" => !Assign(ref flagText, value),
                "PNUM" => !Assign(ref pnumText, value),
                "PNO" => !Assign(ref pnoText, value),
                "RF" => !Assign(ref rfText, value),
                _ => AddIgnored(ref ignored, name.ToString()),
            };
            if (duplicate)
            {
                return Fail(Hj212DecodeError.DuplicateField, $"field '{name}' appears twice", out error, out reason);
            }

            position = semicolon + 1;
        }

        if (ignored is not null)
        {
            ignoredFields = ignored;
        }

        if (st is null)
        {
            return Missing("ST", out error, out reason);
        }

        if (cn is null)
        {
            return Missing("CN", out error, out reason);
        }

        if (pw is null)
        {
            return Missing("PW", out error, out reason);
        }

        if (mn is null)
        {
            return Missing("MN", out error, out reason);
        }

        if (cpStart < 0)
        {
            return Missing("CP", out error, out reason);
        }

        Hj212Flag? flag = null;
        if (flagText is not null)
        {
            if (!byte.TryParse(flagText, NumberStyles.None, CultureInfo.InvariantCulture, out var flagValue))
            {
                return Fail(Hj212DecodeError.BadField, $"Flag '{flagText}' is not a number from 0 to 255", out error, out reason);
            }

            flag = new Hj212Flag(flagValue);
        }

        if (!TryParseCount("PNUM", pnumText, out var pnum, out var countError)
            || !TryParseCount("PNO", pnoText, out var pno, out countError))
        {
            return Fail(Hj212DecodeError.BadField, countError, out error, out reason);
        }

        if (flag is { IsSplit: true } && pnum is null)
        {
            return Fail(Hj212DecodeError.MissingField, $"Flag {flag} says split (D=1) but field 'PNUM' missing", out error, out reason);
        }

        if (flag is { IsSplit: true } && pno is null)
        {
            return Fail(Hj212DecodeError.MissingField, $"Flag {flag} says split (D=1) but field 'PNO' missing", out error, out reason);
        }

        if (pnum is not null && pno is null)
        {
            return Missing("PNO", out error, out reason);
        }

        if (pno is not null && pnum is null)
        {
            return Missing("PNUM", out error, out reason);
        }

        if (pno > pnum)
        {
            return Fail(Hj212DecodeError.BadField, $"PNO {pno} is greater than PNUM {pnum}", out error, out reason);
        }

        // RF=1 marks a 2025 re-send; RF=0 is never sent but means the same as no RF, so it is read leniently.
        var resent = false;
        if (rfText is not null)
        {
            if (rfText is not ("0" or "1"))
            {
                return Fail(Hj212DecodeError.BadField, $"RF '{rfText}' is not 1 (re-sent) or 0", out error, out reason);
            }

            resent = rfText == "1";
        }

        var cpLength = segment.Length - cpStart;
        if (cpLength < 2 * CpWrapper.Length
            || !segment.AsSpan(cpStart).StartsWith(CpWrapper, StringComparison.Ordinal)
            || !segment.AsSpan(cpStart).EndsWith(CpWrapper, StringComparison.Ordinal))
        {
            return Fail(
                Hj212DecodeError.BadDataArea,
                $"CP is not wrapped in '&&…&&': 'CP={Hj212DataAreaParser.Excerpt(segment, cpStart, segment.Length)}'",
                out error,
                out reason);
        }

        if (!Hj212DataAreaParser.TryParse(segment, cpStart + 2, segment.Length - 2, out var cp, out var cpError))
        {
            return Fail(Hj212DecodeError.BadDataArea, cpError, out error, out reason);
        }

        packet = new Hj212Packet
        {
            Qn = qn,
            St = st,
            Cn = cn,
            Pw = pw,
            Mn = mn,
            Flag = flag,
            Pnum = pnum,
            Pno = pno,
            Resent = resent,
            Cp = cp,
        };
        return true;
    }

    private static bool Assign(ref string? field, string value)
    {
        if (field is not null)
        {
            return false;
        }

        field = value;
        return true;
    }

    private static bool AddIgnored(ref List<string>? ignored, string name)
    {
        ignored ??= [];
        if (ignored.Contains(name))
        {
            return true;
        }

        ignored.Add(name);
        return false;
    }

    private static bool TryParseCount(string name, string? text, out int? count, [NotNullWhen(false)] out string? reason)
    {
        count = null;
        reason = null;
        if (text is null)
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
        {
            reason = $"{name} '{text}' is not a positive number";
            return false;
        }

        count = value;
        return true;
    }

    private static bool Missing(string field, out Hj212DecodeError error, out string reason) =>
        Fail(Hj212DecodeError.MissingField, $"field '{field}' missing", out error, out reason);

    private static bool Fail(Hj212DecodeError kind, string message, out Hj212DecodeError error, out string reason)
    {
        error = kind;
        reason = message;
        return false;
    }
}
