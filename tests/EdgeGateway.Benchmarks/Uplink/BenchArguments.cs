using System.Globalization;

namespace EdgeGateway.Benchmarks.Uplink;

/// <summary>"--name value" options of a bench command.</summary>
internal sealed class BenchArguments(string[] args)
{
    public string? Text(string name) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault();

    public long Integer(string name, long fallback) => Text(name) is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public double Number(string name, double fallback) => Text(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
