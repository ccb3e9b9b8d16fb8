using EdgeGateway.Hosting;
using EdgeGateway.Hosting.Health;

namespace EdgeGateway.Demo;

/// <summary>Prints <see cref="DemoStatusLine"/> every <see cref="Interval"/> while the demo runs.</summary>
internal sealed class DemoStatusPrinter : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly Timer _timer;

    public DemoStatusPrinter(GatewayRuntime runtime, GatewayHealthProbe probe, TextWriter output, bool colour)
    {
        _timer = new Timer(
            _ => output.WriteLine(DemoStatusLine.Describe(probe.Collect(), runtime.PlatformLinks.Snapshot(), runtime.Alarms.Active, colour)),
            null,
            Interval,
            Interval);
    }

    public void Dispose() => _timer.Dispose();
}
