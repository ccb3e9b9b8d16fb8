using EdgeGateway.Uplink.Commands;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>The kernel's answer about NTP, as the test sets it.</summary>
internal sealed class FakeClockStatusProbe : IClockStatusProbe
{
    public bool? Synchronized { get; set; }

    public ClockStatus Probe() => new("system", Synchronized, Synchronized == true ? "NTP (test)" : "no NTP (test)");
}
