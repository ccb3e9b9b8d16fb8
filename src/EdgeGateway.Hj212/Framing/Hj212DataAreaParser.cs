using System.Diagnostics.CodeAnalysis;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Framing;

/// <summary>
/// Parses CP text into groups and items. Log text (<c>//…//</c>, HJ 212-2017 §6.3.3) may contain <c>;</c> and
/// <c>,</c>, so a value that starts with <c>//</c> runs to the closing <c>//</c> before separators count again.
/// </summary>
internal static class Hj212DataAreaParser
{
    private const int ExcerptLength = 40;

    public static bool TryParse(
        string text,
        int start,
        int end,
        [NotNullWhen(true)] out Hj212DataArea? area,
        [NotNullWhen(false)] out string? error)
    {
        area = null;
        error = null;
        if (start == end)
        {
            area = Hj212DataArea.Empty;
            return true;
        }

        var groups = new List<Hj212DataItem[]>();
        var items = new List<Hj212DataItem>();
        var i = start;
        while (true)
        {
            // A ';' where a group should start means the sender wrote ";;" or began with ';': an empty group.
            if (items.Count == 0 && text[i] == ';')
            {
                groups.Add([]);
                i++;
                if (i == end)
                {
                    groups.Add([]);
                    break;
                }

                continue;
            }

            var nameStart = i;
            while (i < end && text[i] is not ('=' or ';' or ','))
            {
                i++;
            }

            if (i == end || text[i] != '=')
            {
                error = i == nameStart
                    ? $"empty CP item at '{Excerpt(text, nameStart, end)}'"
                    : $"CP item '{Excerpt(text, nameStart, i)}' has no '='";
                return false;
            }

            if (i == nameStart)
            {
                error = $"CP item without a name at '{Excerpt(text, nameStart, end)}'";
                return false;
            }

            var name = text.Substring(nameStart, i - nameStart);
            i++;
            var valueStart = i;
            if (end - i >= 2 && text[i] == '/' && text[i + 1] == '/')
            {
                var close = text.IndexOf("//", i + 2, end - i - 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    error = $"log text of '{name}' is not closed by '//'";
                    return false;
                }

                i = close + 2;
            }

            while (i < end && text[i] is not (';' or ','))
            {
                i++;
            }

            items.Add(new Hj212DataItem(name, text.Substring(valueStart, i - valueStart)));
            if (i == end)
            {
                groups.Add(items.ToArray());
                break;
            }

            if (text[i] == ';')
            {
                groups.Add(items.ToArray());
                items.Clear();
                i++;
                if (i == end)
                {
                    // A trailing ';' is kept as an empty last group so the area re-encodes byte for byte.
                    groups.Add([]);
                    break;
                }

                continue;
            }

            i++;
            if (i == end || text[i] is ';' or ',')
            {
                error = $"empty CP item after '{name}'";
                return false;
            }
        }

        area = new Hj212DataArea(groups.ToArray());
        return true;
    }

    internal static string Excerpt(string text, int start, int end) =>
        end - start <= ExcerptLength
            ? text.Substring(start, end - start)
            : string.Concat(text.AsSpan(start, ExcerptLength), "…");
}
