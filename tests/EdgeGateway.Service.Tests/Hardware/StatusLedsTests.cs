using System.Device.Gpio;
using System.Text;
using EdgeGateway.Hardware;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>
/// The LED patterns per state, read from the levels the fake driver recorded while the test drove 50 ms ticks
/// (the service's tick) on a manual clock: '#' lit, '.' dark, one character per tick.
/// </summary>
public sealed class StatusLedsTests : IDisposable
{
    private const int Run = 23;
    private const int Uplink = 24;
    private const int Bus = 25;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    private static readonly StatusLedInputs AllWell = new(true, UplinkCondition.Connected, BusCondition.AllAnswering);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 22, 0, 0, TimeSpan.Zero));
    private readonly FakeGpioDriver _driver;
    private readonly GpioController _controller;

    public StatusLedsTests()
    {
        _driver = new FakeGpioDriver(time: _time);
        _controller = new GpioController(_driver);
    }

    public void Dispose() => _controller.Dispose();

    [Fact]
    public void Run_is_a_heartbeat_while_healthy_and_steady_on_when_a_loop_is_stuck()
    {
        Assert.Equal("##..##..............##..##..............", Drive(AllWell, Run, ticks: 40));
        Assert.Equal(new string('#', 40), Drive(AllWell with { Healthy = false }, Run, ticks: 40));
    }

    [Fact]
    public void Uplink_is_on_when_connected_blinks_slowly_while_draining_and_fast_when_down()
    {
        Assert.Equal(new string('#', 40), Drive(AllWell, Uplink, ticks: 40));
        Assert.Equal("##########..........##########..........", Drive(AllWell with { Uplink = UplinkCondition.Draining }, Uplink, ticks: 40));
        Assert.Equal("##..##..##..##..##..##..##..##..##..##..", Drive(AllWell with { Uplink = UplinkCondition.Down }, Uplink, ticks: 40));
    }

    [Fact]
    public void Bus_is_on_when_all_answer_blinks_when_some_are_degraded_and_off_when_none_answers()
    {
        Assert.Equal(new string('#', 40), Drive(AllWell, Bus, ticks: 40));
        Assert.Equal("##########..........##########..........", Drive(AllWell with { Bus = BusCondition.SomeDegraded }, Bus, ticks: 40));
        Assert.Equal(new string('.', 40), Drive(AllWell with { Bus = BusCondition.NoneAnswering }, Bus, ticks: 40));
    }

    [Fact]
    public void The_leds_follow_a_change_of_state_at_the_next_tick()
    {
        using var leds = Open(new LedSettings(Run, Uplink, Bus, ActiveLow: false));
        var start = _time.GetUtcNow();
        List<DateTimeOffset> ticks = [];
        for (var i = 0; i < 40; i++)
        {
            ticks.Add(_time.GetUtcNow());
            leds.Show(i < 20 ? AllWell : AllWell with { Uplink = UplinkCondition.Down }, _time.GetUtcNow());
            _time.Advance(Tick);
        }

        Assert.Equal(new string('#', 20) + "##..##..##..##..##..", Trace(Uplink, ticks));
        Assert.Equal(start, ticks[0]);
    }

    [Fact]
    public void Active_low_leds_are_lit_by_a_low_level()
    {
        using var leds = Open(new LedSettings(Run, null, Bus, ActiveLow: true));
        leds.Show(AllWell with { Bus = BusCondition.NoneAnswering }, _time.GetUtcNow());

        Assert.Equal(PinValue.Low, LevelNow(Run));
        Assert.Equal(PinValue.High, LevelNow(Bus));
        Assert.False(_driver.IsOpen(Uplink));
    }

    [Fact]
    public void A_steady_led_is_written_once_not_every_tick()
    {
        Drive(AllWell, Bus, ticks: 40);

        // The opening write (off), one write to turn it on, and off at the end.
        Assert.Equal([PinValue.Low, PinValue.High, PinValue.Low], _driver.Writes.Where(write => write.Pin == Bus).Select(write => write.Value));
    }

    [Fact]
    public void Every_led_is_off_and_released_after_dispose()
    {
        var leds = Open(new LedSettings(Run, Uplink, Bus, ActiveLow: false));
        leds.Show(AllWell, _time.GetUtcNow());
        Assert.Equal(PinValue.High, LevelNow(Uplink));

        leds.Dispose();

        foreach (var pin in new[] { Run, Uplink, Bus })
        {
            Assert.Equal(PinValue.Low, LevelNow(pin));
            Assert.False(_driver.IsOpen(pin));
        }
    }

    private StatusLeds Open(LedSettings settings) => new(_controller, settings, _time.GetUtcNow());

    // Shows the same state for a number of ticks, from the LEDs' start; returns the pin's trace.
    private string Drive(StatusLedInputs inputs, int pin, int ticks)
    {
        using var leds = Open(new LedSettings(Run, Uplink, Bus, ActiveLow: false));
        List<DateTimeOffset> at = [];
        for (var i = 0; i < ticks; i++)
        {
            at.Add(_time.GetUtcNow());
            leds.Show(inputs, _time.GetUtcNow());
            _time.Advance(Tick);
        }

        return Trace(pin, at);
    }

    // The pin's level at each tick: the last write recorded at or before it.
    private string Trace(int pin, IEnumerable<DateTimeOffset> ticks)
    {
        var writes = _driver.Writes.Where(write => write.Pin == pin).ToList();
        var trace = new StringBuilder();
        foreach (var tick in ticks)
        {
            var level = writes.LastOrDefault(write => write.At <= tick).Value;
            trace.Append(level == PinValue.High ? '#' : '.');
        }

        return trace.ToString();
    }

    private PinValue LevelNow(int pin) => _driver.Writes.Last(write => write.Pin == pin).Value;
}
