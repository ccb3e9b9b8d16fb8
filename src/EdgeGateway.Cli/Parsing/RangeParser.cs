using System.Globalization;

namespace EdgeGateway.Cli.Parsing;

/// <summary>Lists of small integers as typed: <c>1-247</c>, <c>1,2,5-9</c>.</summary>
internal static class RangeParser
{
    public static bool TryParse(string? text, int min, int max, out IReadOnlyList<int> values)
    {
        var result = new List<int>();
        values = result;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var first = dash < 0 ? part : part[..dash];
            var last = dash < 0 ? part : part[(dash + 1)..];
            if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                || !int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var to)
                || from < min || to > max || from > to)
            {
                return false;
            }

            for (var i = from; i <= to; i++)
            {
                result.Add(i);
            }
        }

        return result.Count > 0;
    }

    /// <summary>The inverse of <see cref="TryParse"/> for an ascending list: <c>2,4-9,11</c>.</summary>
    public static string Format(IReadOnlyList<int> ascending)
    {
        var parts = new List<string>();
        for (var i = 0; i < ascending.Count;)
        {
            var end = i;
            while (end + 1 < ascending.Count && ascending[end + 1] == ascending[end] + 1)
            {
                end++;
            }

            parts.Add(end == i
                ? ascending[i].ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{ascending[i]}-{ascending[end]}"));
            i = end + 1;
        }

        return string.Join(',', parts);
    }
}
