using EdgeGateway.Configuration;
using EdgeGateway.Hardware;
using EdgeGateway.Hosting.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hosting;

/// <summary>Builds the service's host from validated settings and runs it until SIGTERM (or a fatal error).</summary>
public static class GatewayHost
{
    /// <summary>
    /// Hosted services start in registration order and stop in reverse: uplink, pipeline, buses, watchdog start; on
    /// SIGTERM the buses stop producing first, then the pipeline drains the ring into the outbox, then the uplink
    /// flushes briefly and says "offline". The cabinet's GPIO parts, when enabled, come first: GPIO that cannot be
    /// opened stops the start before the uplink or a bus runs, and the LEDs show the state until the very end.
    /// </summary>
    public static IHost Build(GatewaySettings settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });

        builder.Services.AddSystemd();
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(options =>
        {
            // A bus or the consumer failing is handled by their services; an exception escaping one is a bug, and the
            // host stops (non-zero exit) rather than run half a gateway.
            options.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
            options.ShutdownTimeout = TimeSpan.FromSeconds(25);
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(settings.LogLevel);
        if (SystemdHelpers.IsSystemdService() && JournalLoggerProvider.IsAvailable())
        {
            // Native journal entries: priority, category and every named value of a message as its own field.
            builder.Logging.AddProvider(new JournalLoggerProvider());
        }
        else if (SystemdHelpers.IsSystemdService())
        {
            // The journal adds its own timestamps; "<6>" prefixes become the PRIORITY field.
            builder.Logging.AddSystemdConsole();
        }
        else
        {
            builder.Logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss.fff ";
            });
        }
        if (settings.LogLevel > LogLevel.Debug)
        {
            // MQTTnet and hosting internals are chatty at Information; their warnings still show.
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        }

        var startedAt = DateTimeOffset.UtcNow;
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<GatewayExit>();
        builder.Services.AddSingleton(provider => new GatewayRuntime(settings, provider.GetRequiredService<ILoggerFactory>(), startedAt));
        builder.Services.AddSingleton<UplinkService>();
        builder.Services.AddSingleton<PipelineService>();
        builder.Services.AddCabinet(settings.Hardware);
        builder.Services.AddHostedService(provider => provider.GetRequiredService<UplinkService>());
        builder.Services.AddHostedService(provider => provider.GetRequiredService<PipelineService>());
        if (settings.Hardware.Rtc is not null)
        {
            // Before the buses: the clock is set from the RTC before the first reading is stamped.
            builder.Services.AddHostedService(provider => new RtcService(provider.GetRequiredService<GatewayRuntime>().Rtc!));
        }

        for (var i = 0; i < settings.Buses.Count; i++)
        {
            var index = i;
            builder.Services.AddSingleton(provider => new BusService(provider.GetRequiredService<GatewayRuntime>().Buses[index], provider.GetRequiredService<ILogger<BusService>>()));
        }

        for (var i = 0; i < settings.Buses.Count; i++)
        {
            var index = i;
            builder.Services.AddSingleton<IHostedService>(provider => provider.GetServices<BusService>().ElementAt(index));
        }

        if (settings.Hardware.Climate is { } climate)
        {
            // Like a bus: started after the pipeline, stopped before it drains.
            builder.Services.AddHostedService(provider =>
            {
                var runtime = provider.GetRequiredService<GatewayRuntime>();
                return new CabinetClimateService(climate, () => CabinetClimateService.OpenSensor(climate), runtime.Sink, runtime.Appender.EnqueueEvent, provider.GetRequiredService<ILogger<CabinetClimateService>>());
            });
        }

        builder.Services.AddSingleton<Health.GatewayHealthProbe>();
        builder.Services.AddHostedService<WatchdogService>();
        builder.Services.AddHostedService<HealthReporter>();
        builder.Services.AddHostedService<ControlEndpointService>();
        return builder.Build();
    }
}
