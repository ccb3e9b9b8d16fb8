using System.Text;

namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>
/// The variables the systemd unit (systemd/edge-gateway.service) sets with <c>Environment=</c>, read from the file so
/// that a runtime setting added there is measured without touching the bench. Follows systemd's syntax for these
/// lines: assignments separated by spaces, an assignment in double quotes may hold spaces; comments are skipped.
/// </summary>
internal static class UnitEnvironment
{
    public static string UnitFile => Path.Combine(Bench.RepositoryPaths.Root, "systemd", "edge-gateway.service");

    public static IReadOnlyList<KeyValuePair<string, string>> Read(string unitFile)
    {
        var variables = new List<KeyValuePair<string, string>>();
        foreach (var raw in File.ReadLines(unitFile))
        {
            var line = raw.Trim();
            if (!line.StartsWith("Environment=", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var assignment in Words(line["Environment=".Length..]))
            {
                var equals = assignment.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    variables.RemoveAll(variable => variable.Key == assignment[..equals]);
                    variables.Add(new KeyValuePair<string, string>(assignment[..equals], assignment[(equals + 1)..]));
                }
            }
        }

        return variables;
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        foreach (var character in text)
        {
            if (character == '"')
            {
                quoted = !quoted;
            }
            else if (char.IsWhiteSpace(character) && !quoted)
            {
                if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }
            }
            else
            {
                word.Append(character);
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
