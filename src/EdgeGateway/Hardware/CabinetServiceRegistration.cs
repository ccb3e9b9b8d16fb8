using EdgeGateway.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hardware;

/// <summary>
/// Adds the cabinet's GPIO parts to the service, only when the LEDs, the door switch or the alarm output are enabled;
/// <see cref="GatewayParts"/> starts <see cref="CabinetService"/> first.
/// </summary>
internal static class CabinetServiceRegistration
{
    /// <param name="openController">Opens the GPIO controller; <see cref="GpioOpener.Open"/> unless a test gives its own.</param>
    public static IServiceCollection AddCabinet(this IServiceCollection services, HardwareSettings hardware, Func<int?, System.Device.Gpio.GpioController>? openController = null)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        if (!hardware.UsesGpio)
        {
            return services;
        }

        if (hardware.Door is not null)
        {
            services.AddSingleton(provider =>
            {
                var runtime = provider.GetRequiredService<GatewayRuntime>();
                return new CabinetDoorMonitor(runtime.Appender.EnqueueEvent, runtime.Maintenance, provider.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeGateway.Hardware.Door"));
            });
        }

        services.AddSingleton(provider => new StatusLedSignals(provider.GetRequiredService<GatewayRuntime>(), provider.GetRequiredService<Hosting.Health.GatewayHealthProbe>(), provider.GetServices<BusService>()));
        services.AddSingleton(provider => new CabinetService(
            hardware,
            provider.GetRequiredService<StatusLedSignals>().Read,
            () => provider.GetRequiredService<GatewayRuntime>().Alarms.Active,
            provider.GetService<CabinetDoorMonitor>(),
            TimeProvider.System,
            provider.GetRequiredService<ILogger<CabinetService>>(),
            openController));
        return services;
    }
}
