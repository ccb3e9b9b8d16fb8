using EdgeGateway.Hardware;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Hosting;

/// <summary>
/// The service's parts, each in its own typed place, and the one order they start in (<see cref="InStartOrder"/>);
/// <see cref="GatewayLifecycle"/> stops them in reverse.
/// </summary>
/// <param name="Cabinet">The LEDs, door switch and alarm output; null when none is enabled.</param>
/// <param name="Uplink">The MQTT link and the outbox publisher.</param>
/// <param name="Platforms">The HJ 212 platform links.</param>
/// <param name="Pipeline">The ring's consumer.</param>
/// <param name="Rtc">The DS3231 clock keeper; null when <c>hardware.rtc</c> is off.</param>
/// <param name="Buses">One poll loop per bus, in the order of <c>buses</c>.</param>
/// <param name="Climate">The cabinet climate sensor; null when <c>hardware.climate</c> is off.</param>
/// <param name="Watchdog">systemd's watchdog pings.</param>
/// <param name="HealthReporter">The retained status with health.</param>
/// <param name="Control">egw's control socket.</param>
internal sealed record GatewayParts(
    CabinetService? Cabinet,
    UplinkService Uplink,
    PlatformService Platforms,
    PipelineService Pipeline,
    RtcService? Rtc,
    IReadOnlyList<BusService> Buses,
    CabinetClimateService? Climate,
    WatchdogService Watchdog,
    HealthReporter HealthReporter,
    ControlEndpointService Control)
{
    /// <summary>
    /// The order of the start; the stop is its reverse. On SIGTERM the buses stop producing first, then the pipeline
    /// drains the ring into the outbox, then the uplink flushes briefly and says "offline".
    /// </summary>
    public IReadOnlyList<IHostedService> InStartOrder()
    {
        var parts = new List<IHostedService>();

        // First: GPIO that cannot be opened stops the start before the uplink or a bus runs, and the LEDs show the
        // state until the very end.
        AddIf(parts, Cabinet);

        // Stops last: by then the pipeline has drained the ring into the outbox, and the publisher gets a short,
        // bounded chance to send those last records before the link says "offline".
        parts.Add(Uplink);

        // Like the uplink: stops after the pipeline has drained, and what a platform did not acknowledge stays owed.
        parts.Add(Platforms);

        // Before the buses, so it stops after them: the ring is then completed and drained into the outbox.
        parts.Add(Pipeline);

        // Before the buses: the clock is set from the RTC before the first reading is stamped.
        AddIf(parts, Rtc);
        parts.AddRange(Buses);

        // Like a bus: started after the pipeline, stopped before it drains.
        AddIf(parts, Climate);
        parts.Add(Watchdog);
        parts.Add(HealthReporter);
        parts.Add(Control);
        return parts;
    }

    private static void AddIf(List<IHostedService> parts, IHostedService? part)
    {
        if (part is not null)
        {
            parts.Add(part);
        }
    }
}
