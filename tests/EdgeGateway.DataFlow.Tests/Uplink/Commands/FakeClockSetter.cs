using System.Diagnostics.CodeAnalysis;
using EdgeGateway.Uplink.Commands;

namespace EdgeGateway.DataFlow.Tests.Uplink.Commands;

/// <summary>Records the times it was asked to set, and fails when told: the machine's clock is never touched.</summary>
internal sealed class FakeClockSetter : ISystemClockSetter
{
    private readonly List<DateTimeOffset> _set = [];

    /// <summary>When set, every call fails with this reason.</summary>
    public string? Failure { get; set; }

    public IReadOnlyList<DateTimeOffset> Set => _set;

    public bool TrySet(DateTimeOffset utc, [NotNullWhen(false)] out string? error)
    {
        if (Failure is { } failure)
        {
            error = failure;
            return false;
        }

        _set.Add(utc);
        error = null;
        return true;
    }
}
