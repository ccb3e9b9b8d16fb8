using System.Device.Gpio;
using EdgeGateway.Control;
using EdgeGateway.Hardware;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Alarms;
using EdgeGateway.Pipeline.Validation;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>The cabinet service: absent without GPIO parts, a clear start-up error without GPIO, and the parts' lives.</summary>
public sealed class CabinetServiceTests : IDisposable
{
    private static readonly LedSettings Leds = new(23, 24, 25, ActiveLow: false);
    private static readonly DoorSettings Door = new(17, OpenWhenHigh: true, DoorInputBias.PullUp, TimeSpan.FromMilliseconds(50));
    private static readonly StatusLedInputs AllWell = new(true, UplinkCondition.Connected, BusCondition.AllAnswering);
    private static readonly AlarmOutputSettings AlarmOutput = new(22, ActiveLow: false, AlarmOutputTrigger.Exceedance, Blink: false);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 22, 0, 0, TimeSpan.Zero));
    private readonly FakeGpioDriver _driver;
    private readonly GpioController _controller;
    private readonly List<GatewayEvent> _events = [];
    private readonly CabinetDoorMonitor _door;
    private int _opened;
    private IReadOnlyList<ActiveAlarm> _alarms = [];
    private int _alarmReads;

    public CabinetServiceTests()
    {
        _driver = new FakeGpioDriver(time: _time);
        _controller = new GpioController(_driver);
        var channels = new ChannelTable([new ChannelDefinition(0, "cems", "so2", "a21026", "mg/m³", null)]);
        _door = new CabinetDoorMonitor(_events.Add, new MaintenanceWindows(channels, new GatewayChannelStateHolder(new GatewayChannelState(1))), NullLogger.Instance);
    }

    public void Dispose() => _controller.Dispose();

    [Fact]
    public void Without_leds_or_door_nothing_is_registered_and_gpio_is_never_opened()
    {
        var services = new ServiceCollection();

        services.AddCabinet(HardwareSettings.None, OpenFake);
        services.AddCabinet(HardwareSettings.None with { Rtc = new RtcSettings(1, 0x68) }, OpenFake);

        Assert.Empty(services);
        Assert.Equal(0, _opened);
    }

    [Fact]
    public void With_the_door_enabled_the_service_and_its_monitor_are_registered_but_gpio_waits_for_the_start()
    {
        var services = new ServiceCollection();

        services.AddCabinet(HardwareSettings.None with { Door = Door }, OpenFake);

        Assert.Contains(services, descriptor => descriptor.ServiceType == typeof(CabinetDoorMonitor));
        Assert.Contains(services, descriptor => descriptor.ServiceType == typeof(CabinetService));
        Assert.Equal(0, _opened);
    }

    [Fact]
    public async Task A_controller_that_cannot_be_opened_fails_the_start_naming_the_enabled_parts()
    {
        using var service = Create(HardwareSettings.None with { GpioChip = 4, Leds = Leds, Door = Door }, _ => throw new InvalidOperationException("GPIO cannot be opened (chip 4): no such chip. Install libgpiod"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => service.StartAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith("hardware.leds and hardware.door are enabled on hardware.gpioChip 4, but GPIO cannot be opened (chip 4)", error.Message, StringComparison.Ordinal);
        Assert.Empty(_events);
    }

    [Fact]
    public async Task A_door_pin_that_cannot_be_opened_fails_the_start_naming_its_key_and_releases_the_leds()
    {
        _driver.MarkBusy(Door.Pin);
        using var service = Create(HardwareSettings.None with { Leds = Leds, Door = Door });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => service.StartAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith("hardware.door: GPIO 17 as an input (bias PullUp) cannot be opened", error.Message, StringComparison.Ordinal);
        Assert.False(_driver.IsOpen(Leds.Run!.Value));
    }

    [Fact]
    public async Task An_alarm_output_pin_that_cannot_be_opened_fails_the_start_naming_its_key_and_releases_the_leds()
    {
        _driver.MarkBusy(AlarmOutput.Pin);
        using var service = Create(HardwareSettings.None with { Leds = Leds, AlarmOutput = AlarmOutput });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => service.StartAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith("hardware.alarmOutput: GPIO 22 as an output cannot be opened", error.Message, StringComparison.Ordinal);
        Assert.False(_driver.IsOpen(Leds.Run!.Value));
    }

    [Fact]
    public async Task A_controller_that_cannot_be_opened_names_all_three_gpio_parts()
    {
        using var service = Create(HardwareSettings.None with { Leds = Leds, Door = Door, AlarmOutput = AlarmOutput }, _ => throw new InvalidOperationException("GPIO cannot be opened: no libgpiod"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => service.StartAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith("hardware.leds, hardware.door and hardware.alarmOutput are enabled, but GPIO cannot be opened", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_alarm_output_alone_follows_the_alarms_within_a_second_and_is_off_after_a_clean_stop()
    {
        using var service = Create(HardwareSettings.None with { AlarmOutput = AlarmOutput });

        await service.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal(PinMode.Output, _driver.ModeOf(AlarmOutput.Pin));
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref _alarmReads) >= 1, TimeSpan.FromSeconds(30)));
        Assert.Equal(PinValue.Low, LevelNow(AlarmOutput.Pin));

        Volatile.Write(ref _alarms, [Exceedance(_time.GetUtcNow())]);
        _time.Advance(CabinetService.InputsInterval);
        Assert.True(SpinWait.SpinUntil(() => LevelNow(AlarmOutput.Pin) == PinValue.High, TimeSpan.FromSeconds(30)));

        Volatile.Write(ref _alarms, []);
        _time.Advance(CabinetService.InputsInterval);
        Assert.True(SpinWait.SpinUntil(() => LevelNow(AlarmOutput.Pin) == PinValue.Low, TimeSpan.FromSeconds(30)));

        Volatile.Write(ref _alarms, [Exceedance(_time.GetUtcNow())]);
        _time.Advance(CabinetService.InputsInterval);
        Assert.True(SpinWait.SpinUntil(() => LevelNow(AlarmOutput.Pin) == PinValue.High, TimeSpan.FromSeconds(30)));

        await service.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal(PinValue.Low, LevelNow(AlarmOutput.Pin));
        Assert.False(_driver.IsOpen(AlarmOutput.Pin));
    }

    [Fact]
    public async Task An_exceedance_restored_from_alarms_json_switches_the_output_on_at_start()
    {
        var directory = Directory.CreateTempSubdirectory("egw-alarm-output-").FullName;
        try
        {
            var stateFile = new AlarmStateFile(Path.Combine(directory, "alarms.json"));
            stateFile.Save([Exceedance(_time.GetUtcNow().AddMinutes(-30))]);
            var limits = new[] { new EmissionLimit(0, "cems.so2", LimitQuantity.HourlyAverage, 35, 0.8, TimeSpan.FromMinutes(15), 0.05) };
            var stage = new AlarmStage(limits, stateFile, _ => { });
            using var service = new CabinetService(HardwareSettings.None with { AlarmOutput = AlarmOutput }, _ => AllWell, () => stage.Active, null, _time, NullLogger<CabinetService>.Instance, OpenFake);

            await service.StartAsync(TestContext.Current.CancellationToken);

            // No record has closed since the start: only the restored episode can have switched it on.
            Assert.True(SpinWait.SpinUntil(() => LevelNow(AlarmOutput.Pin) == PinValue.High, TimeSpan.FromSeconds(30)));
            await service.StopAsync(TestContext.Current.CancellationToken);
            Assert.Equal(PinValue.Low, LevelNow(AlarmOutput.Pin));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Started_it_reports_the_door_shows_the_leds_and_at_a_clean_stop_turns_them_off()
    {
        _driver.HoldInput(Door.Pin, PinValue.Low);
        using var service = Create(HardwareSettings.None with { Leds = Leds, Door = Door });

        await service.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, _opened);
        Assert.Equal("cabinet door closed at start", Assert.Single(_events).Text);

        // The LED loop runs on its own thread from the start: wait for its first frame (what happened, not how fast).
        Assert.True(SpinWait.SpinUntil(() => _driver.Writes.Any(write => write.Pin == Leds.Uplink!.Value && write.Value == PinValue.High), TimeSpan.FromSeconds(30)));

        // The door opens outside maintenance while the service runs.
        _driver.HoldInput(Door.Pin, PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal([GatewayEventKind.Door, GatewayEventKind.Door, GatewayEventKind.Alarm], _events.Select(gatewayEvent => gatewayEvent.Kind));
        Assert.Equal("open", _door.Health.State);

        await service.StopAsync(TestContext.Current.CancellationToken);
        foreach (var pin in new[] { Leds.Run!.Value, Leds.Uplink!.Value, Leds.Bus!.Value })
        {
            Assert.Equal(PinValue.Low, LevelNow(pin));
            Assert.False(_driver.IsOpen(pin));
        }

        Assert.False(_driver.IsOpen(Door.Pin));
    }

    private CabinetService Create(HardwareSettings hardware, Func<int?, GpioController>? open = null) =>
        new(hardware, _ => AllWell, ReadAlarms, hardware.Door is null ? null : _door, _time, NullLogger<CabinetService>.Instance, open ?? OpenFake);

    private static ActiveAlarm Exceedance(DateTimeOffset windowEnd) =>
        new("cems.so2", AlarmRule.Exceedance, LimitQuantity.HourlyAverage, 35, 35, windowEnd, 40, 40, windowEnd.AddHours(-1), windowEnd);

    private IReadOnlyList<ActiveAlarm> ReadAlarms()
    {
        Interlocked.Increment(ref _alarmReads);
        return Volatile.Read(ref _alarms);
    }

    private GpioController OpenFake(int? chip)
    {
        _opened++;
        return _controller;
    }

    private PinValue LevelNow(int pin) => _driver.Writes.Last(write => write.Pin == pin).Value;
}
