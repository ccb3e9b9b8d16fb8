using EdgeGateway.Uplink.Commands;

namespace EdgeGateway.DataFlow.Tests.Uplink.Commands;

/// <summary>A clock status the test chooses.</summary>
internal sealed class FakeClockStatusProbe(bool? synchronized) : IClockStatusProbe
{
    public bool? Synchronized { get; set; } = synchronized;

    public ClockStatus Probe() => new("system", Synchronized, Synchronized switch
    {
        true => "test: synchronised",
        false => "test: not synchronised",
        null => "test: unknown",
    });
}
