using System.Globalization;

namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>The threads of one name (comm, at most 15 characters) and their CPU over the window, % of one core.</summary>
internal sealed record ThreadGroupCpu(string Name, int Threads, double PercentOfCore)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name} {PercentOfCore:0.00} %{(Threads > 1 ? $" ({Threads} threads)" : string.Empty)}");
}
