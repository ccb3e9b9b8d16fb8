using EdgeGateway.Configuration;
using EdgeGateway.Hardware;
using EdgeGateway.Hosting.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hosting;

/// <summary>Builds the service's host from validated settings and runs it until SIGTERM (or a fatal error).</summary>
internal static class GatewayHost
{
    /// <summary>
    /// One hosted service, <see cref="GatewayLifecycle"/>, starts the parts in the order <see cref="GatewayParts"/>
    /// declares and stops them in reverse; the container only builds them.
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
        builder.Services.AddSingleton(provider => provider.GetRequiredService<GatewayRuntime>().Platforms);
        builder.Services.AddSingleton<PlatformService>();
        builder.Services.AddSingleton<PipelineService>();
        builder.Services.AddCabinet(settings.Hardware);
        if (settings.Hardware.Rtc is not null)
        {
            builder.Services.AddSingleton(provider => new RtcService(provider.GetRequiredService<GatewayRuntime>().Rtc!));
        }

        for (var i = 0; i < settings.Buses.Count; i++)
        {
            var index = i;
            builder.Services.AddSingleton(provider => new BusService(provider.GetRequiredService<GatewayRuntime>().Buses[index], provider.GetRequiredService<ILogger<BusService>>()));
        }

        if (settings.Hardware.Climate is { } climate)
        {
            builder.Services.AddSingleton(provider =>
            {
                var runtime = provider.GetRequiredService<GatewayRuntime>();
                return new CabinetClimateService(climate, () => CabinetClimateService.OpenSensor(climate), runtime.Sink, runtime.Appender.EnqueueEvent, provider.GetRequiredService<ILogger<CabinetClimateService>>());
            });
        }

        builder.Services.AddSingleton<Health.GatewayHealthProbe>();
        builder.Services.AddSingleton<WatchdogService>();
        builder.Services.AddSingleton<HealthReporter>();
        builder.Services.AddSingleton<ControlEndpointService>();
        builder.Services.AddSingleton(provider => new GatewayParts(
            Cabinet: provider.GetService<CabinetService>(),
            Uplink: provider.GetRequiredService<UplinkService>(),
            Platforms: provider.GetRequiredService<PlatformService>(),
            Pipeline: provider.GetRequiredService<PipelineService>(),
            Rtc: provider.GetService<RtcService>(),
            Buses: [.. provider.GetServices<BusService>()],
            Climate: provider.GetService<CabinetClimateService>(),
            Watchdog: provider.GetRequiredService<WatchdogService>(),
            HealthReporter: provider.GetRequiredService<HealthReporter>(),
            Control: provider.GetRequiredService<ControlEndpointService>()));
        builder.Services.AddSingleton(provider => new GatewayLifecycle(provider.GetRequiredService<GatewayParts>().InStartOrder()));
        builder.Services.AddHostedService(provider => provider.GetRequiredService<GatewayLifecycle>());
        return builder.Build();
    }
}
