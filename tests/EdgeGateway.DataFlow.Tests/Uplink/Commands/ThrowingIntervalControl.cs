using System.Diagnostics.CodeAnalysis;
using EdgeGateway.Uplink.Commands;

namespace EdgeGateway.DataFlow.Tests.Uplink.Commands;

/// <summary>A seam with a bug: setting throws.</summary>
internal sealed class ThrowingIntervalControl : IRealTimeIntervalControl
{
    public TimeSpan Current => TimeSpan.FromSeconds(1);

    public bool TrySet(TimeSpan interval, [NotNullWhen(false)] out string? error) => throw new InvalidOperationException("poller gone");
}
