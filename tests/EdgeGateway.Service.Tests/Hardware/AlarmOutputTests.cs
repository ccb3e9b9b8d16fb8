using System.Device.Gpio;
using System.Text;
using EdgeGateway.Hardware;
using EdgeGateway.Pipeline.Alarms;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>
/// The alarm output's level per set of active alarms, read from what the fake driver recorded while the test drove
/// 50 ms ticks (the cabinet service's tick) on a manual clock: '#' on, '.' off, one character per tick.
/// </summary>
public sealed class AlarmOutputTests : IDisposable
{
    private const int Pin = 22;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    private static readonly AlarmOutputSettings Steady = new(Pin, ActiveLow: false, AlarmOutputTrigger.Exceedance, Blink: false);
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 22, 0, 0, TimeSpan.Zero);
    private static readonly ActiveAlarm Exceedance = new("cems.so2", AlarmRule.Exceedance, LimitQuantity.HourlyAverage, 35, 35, Start, 40, 41, Start.AddHours(-1), Start);
    private static readonly ActiveAlarm PreWarning = Exceedance with { Key = "cems.nox", Rule = AlarmRule.PreWarning, Threshold = 28, Quantity = LimitQuantity.RealTime };

    private readonly FakeTimeProvider _time = new(Start);
    private readonly FakeGpioDriver _driver;
    private readonly GpioController _controller;

    public AlarmOutputTests()
    {
        _driver = new FakeGpioDriver(time: _time);
        _controller = new GpioController(_driver);
    }

    public void Dispose() => _controller.Dispose();

    [Fact]
    public void It_opens_as_an_output_at_the_inactive_level_and_stays_off_with_no_alarm()
    {
        using var output = new AlarmOutput(_controller, Steady, _time.GetUtcNow());

        Assert.Equal(PinMode.Output, _driver.ModeOf(Pin));
        Assert.Equal(PinValue.Low, LevelNow());
        Assert.Equal(new string('.', 20), Drive(output, [], ticks: 20));
    }

    [Fact]
    public void It_is_on_while_an_exceedance_is_active_and_off_once_it_clears()
    {
        using var output = new AlarmOutput(_controller, Steady, _time.GetUtcNow());

        Assert.Equal(new string('#', 20), Drive(output, [Exceedance], ticks: 20));
        Assert.Equal(new string('.', 20), Drive(output, [], ticks: 20));
    }

    [Fact]
    public void The_exceedance_mode_ignores_a_pre_warning_and_the_any_mode_does_not()
    {
        using (var exceedanceOnly = new AlarmOutput(_controller, Steady, _time.GetUtcNow()))
        {
            Assert.Equal(new string('.', 20), Drive(exceedanceOnly, [PreWarning], ticks: 20));
            Assert.Equal(new string('#', 20), Drive(exceedanceOnly, [PreWarning, Exceedance], ticks: 20));
        }

        using var any = new AlarmOutput(_controller, Steady with { On = AlarmOutputTrigger.Any }, _time.GetUtcNow());
        Assert.Equal(new string('#', 20), Drive(any, [PreWarning], ticks: 20));
        Assert.Equal(new string('#', 20), Drive(any, [Exceedance], ticks: 20));
        Assert.Equal(new string('.', 20), Drive(any, [], ticks: 20));
    }

    [Fact]
    public void Active_low_inverts_the_levels_from_the_opening_on()
    {
        using var output = new AlarmOutput(_controller, Steady with { ActiveLow = true }, _time.GetUtcNow());

        Assert.Equal(PinValue.High, LevelNow());
        output.Show([Exceedance], _time.GetUtcNow());
        Assert.Equal(PinValue.Low, LevelNow());
        output.Show([], _time.GetUtcNow());
        Assert.Equal(PinValue.High, LevelNow());
    }

    [Fact]
    public void The_pin_is_written_only_when_its_level_changes()
    {
        using var output = new AlarmOutput(_controller, Steady, _time.GetUtcNow());

        Drive(output, [], ticks: 20);
        Drive(output, [Exceedance], ticks: 20);
        Drive(output, [Exceedance, PreWarning], ticks: 20);
        Drive(output, [], ticks: 20);

        // The opening's inactive level, on when the exceedance came, off when it cleared: a relay is never re-pulsed.
        Assert.Equal([PinValue.Low, PinValue.High, PinValue.Low], _driver.Writes.Where(write => write.Pin == Pin).Select(write => write.Value));
    }

    [Fact]
    public void Blink_is_500_ms_on_and_500_ms_off_while_active_and_off_without_an_alarm()
    {
        using var output = new AlarmOutput(_controller, Steady with { Blink = true }, _time.GetUtcNow());

        Assert.Equal("##########..........##########..........", Drive(output, [Exceedance], ticks: 40));
        Assert.Equal(new string('.', 40), Drive(output, [], ticks: 40));
    }

    [Fact]
    public void Turned_off_and_disposed_it_is_inactive_and_the_pin_is_released()
    {
        var output = new AlarmOutput(_controller, Steady with { ActiveLow = true }, _time.GetUtcNow());
        output.Show([Exceedance], _time.GetUtcNow());
        Assert.Equal(PinValue.Low, LevelNow());

        output.Dispose();

        Assert.Equal(PinValue.High, LevelNow());
        Assert.False(_driver.IsOpen(Pin));
        output.Dispose();
        output.TurnOff();
        Assert.Throws<ObjectDisposedException>(() => output.Show([Exceedance], _time.GetUtcNow()));
    }

    /// <summary>Shows <paramref name="alarms"/> for <paramref name="ticks"/> ticks, returning the pin's level at each.</summary>
    private string Drive(AlarmOutput output, IReadOnlyList<ActiveAlarm> alarms, int ticks)
    {
        var levels = new StringBuilder();
        for (var i = 0; i < ticks; i++)
        {
            output.Show(alarms, _time.GetUtcNow());
            levels.Append(LevelNow() == PinValue.High ? '#' : '.');
            _time.Advance(Tick);
        }

        return levels.ToString();
    }

    private PinValue LevelNow() => _driver.Writes.Last(write => write.Pin == Pin).Value;
}
