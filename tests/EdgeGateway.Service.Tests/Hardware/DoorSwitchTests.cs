using System.Device.Gpio;
using EdgeGateway.Hardware;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>The door switch's debounce, driven by a bouncing door on a fake GPIO driver and a manual clock.</summary>
public sealed class DoorSwitchTests : IDisposable
{
    private const int Pin = 17;
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Chatter = TimeSpan.FromMilliseconds(3);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 22, 0, 0, TimeSpan.Zero));
    private readonly FakeGpioDriver _driver;
    private readonly GpioController _controller;
    private readonly List<DoorChange> _reports = [];

    public DoorSwitchTests()
    {
        _driver = new FakeGpioDriver(time: _time);
        _controller = new GpioController(_driver);
    }

    public void Dispose() => _controller.Dispose();

    [Fact]
    public void The_state_at_start_is_read_with_the_configured_bias_and_reported_once()
    {
        // A reed switch to GND, closed by the door's magnet, against the pull-up.
        _driver.HoldInput(Pin, PinValue.Low);
        using var door = Start(DoorInputBias.PullUp);

        Assert.Equal(PinMode.InputPullUp, _driver.ModeOf(Pin));
        var report = Assert.Single(_reports);
        Assert.Equal(new DoorChange(false, _time.GetUtcNow(), AtStart: true), report);
        Assert.False(door.IsOpen);
    }

    [Fact]
    public void A_broken_wire_reads_as_an_open_door_with_the_pull_up()
    {
        using var door = Start(DoorInputBias.PullUp);

        Assert.True(Assert.Single(_reports).Open);
        Assert.True(door.IsOpen);
    }

    [Fact]
    public void A_bouncing_door_is_one_change_per_real_move_stamped_with_its_first_edge()
    {
        _driver.HoldInput(Pin, PinValue.Low);
        using var door = Start(DoorInputBias.PullUp);
        var model = new BouncingDoor(_driver, _time, Pin, openWhenHigh: true);

        var opened = model.Move(open: true, bounces: 6, Chatter);
        _time.Advance(Debounce - TimeSpan.FromMilliseconds(1));
        Assert.Single(_reports);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        _time.Advance(TimeSpan.FromSeconds(10));

        var closed = model.Move(open: false, bounces: 4, Chatter);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(
            [new DoorChange(false, _reports[0].At, AtStart: true), new DoorChange(true, opened, AtStart: false), new DoorChange(false, closed, AtStart: false)],
            _reports);
        Assert.False(door.IsOpen);
    }

    [Fact]
    public void Chatter_longer_than_the_debounce_counts_once_because_no_level_held()
    {
        _driver.HoldInput(Pin, PinValue.Low);
        using var door = Start(DoorInputBias.PullUp);
        var model = new BouncingDoor(_driver, _time, Pin, openWhenHigh: true);

        // 40 bounces 20 ms apart: 1.6 s of chatter, every gap shorter than the debounce.
        var opened = model.Move(open: true, bounces: 40, TimeSpan.FromMilliseconds(20));
        Assert.Single(_reports);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(new DoorChange(true, opened, AtStart: false), _reports[^1]);
        Assert.Equal(2, _reports.Count);
    }

    [Fact]
    public void A_knock_that_ends_where_it_began_reports_nothing()
    {
        _driver.HoldInput(Pin, PinValue.Low);
        using var door = Start(DoorInputBias.PullUp);
        var model = new BouncingDoor(_driver, _time, Pin, openWhenHigh: true);

        model.Knock(open: false, bounces: 5, Chatter);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Single(_reports);
        Assert.False(door.IsOpen);
    }

    [Fact]
    public void Open_when_low_with_a_pull_down_is_read_the_other_way_round()
    {
        _driver.HoldInput(Pin, PinValue.High);
        using var door = Start(DoorInputBias.PullDown, openWhenHigh: false);
        var model = new BouncingDoor(_driver, _time, Pin, openWhenHigh: false);

        var opened = model.Move(open: true, bounces: 2, Chatter);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(PinMode.InputPullDown, _driver.ModeOf(Pin));
        Assert.Equal([false, true], _reports.Select(report => report.Open));
        Assert.Equal(opened, _reports[^1].At);
    }

    [Fact]
    public void No_edge_counts_after_dispose_and_the_pin_is_released()
    {
        _driver.HoldInput(Pin, PinValue.Low);
        var door = Start(DoorInputBias.None);
        _driver.SetInput(Pin, PinValue.High);
        door.Dispose();
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Single(_reports);
        Assert.False(_driver.IsOpen(Pin));
    }

    private DoorSwitch Start(DoorInputBias bias, bool openWhenHigh = true)
    {
        var door = new DoorSwitch(_controller, new DoorSettings(Pin, openWhenHigh, bias, Debounce), _time, _reports.Add);
        door.Start();
        return door;
    }
}
