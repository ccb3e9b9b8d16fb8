using System.Diagnostics.CodeAnalysis;
using EdgeGateway.Uplink.Commands;

namespace EdgeGateway.DataFlow.Tests.Uplink.Commands;

/// <summary>Keeps the interval in a field; refuses when told.</summary>
internal sealed class FakeRealTimeIntervalControl(TimeSpan initial) : IRealTimeIntervalControl
{
    public TimeSpan Current { get; private set; } = initial;

    public string? Refusal { get; set; }

    public int Changes { get; private set; }

    public bool TrySet(TimeSpan interval, [NotNullWhen(false)] out string? error)
    {
        if (Refusal is { } refusal)
        {
            error = refusal;
            return false;
        }

        Current = interval;
        Changes++;
        error = null;
        return true;
    }
}
