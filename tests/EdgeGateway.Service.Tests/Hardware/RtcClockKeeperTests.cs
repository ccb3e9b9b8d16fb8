using EdgeGateway.Hardware;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>The DS3231 keeper, with Iot.Device.Bindings' own Ds3231 on a register-file model of the chip.</summary>
public sealed class RtcClockKeeperTests
{
    private static readonly DateTimeOffset RtcTime = new(2026, 11, 29, 6, 30, 15, TimeSpan.Zero);

    // A board without NTP boots with the time of its last shutdown (or 1970): far from the RTC's.
    private readonly FakeTimeProvider _system = new(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero));
    private readonly Ds3231Model _chip = new();
    private readonly FakeClockStatusProbe _ntp = new() { Synchronized = false };
    private readonly List<GatewayEvent> _events = [];
    private readonly RecordingClockSetter _setter;

    public RtcClockKeeperTests()
    {
        _setter = new RecordingClockSetter(_system);
        _chip.Time = RtcTime.UtcDateTime;
    }

    [Fact]
    public void Without_ntp_the_system_clock_is_set_from_a_healthy_rtc_and_trusted()
    {
        using var keeper = Keeper();

        keeper.Start();

        Assert.Equal([RtcTime], _setter.Calls);
        Assert.True(keeper.IsTimeTrusted);
        var status = keeper.Probe();
        Assert.Equal(("rtc", "ok", true, false), (status.Source, status.Rtc, status.Trusted, status.Synchronized));
        var clock = Assert.Single(_events);
        Assert.Equal(GatewayEventKind.Clock, clock.Kind);
        Assert.Contains("set from the RTC", clock.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void With_ntp_the_rtc_is_written_and_its_drift_measured()
    {
        _ntp.Synchronized = true;
        _system.AdjustTime(RtcTime.AddSeconds(-3));
        using var keeper = Keeper();

        keeper.Start();

        Assert.Empty(_setter.Calls);
        Assert.Equal(_system.GetUtcNow().UtcDateTime, _chip.Time);
        var status = keeper.Probe();
        Assert.Equal(("system", 3.0, true), (status.Source, status.RtcDriftSeconds, status.Trusted));
        Assert.False(_chip.OscillatorStopped);
    }

    [Fact]
    public void Ntp_writes_the_rtc_once_an_hour()
    {
        _ntp.Synchronized = true;
        _system.AdjustTime(RtcTime);
        using var keeper = Keeper();
        keeper.Start();
        var writes = _chip.Writes.Count;

        _system.AdjustTime(RtcTime.AddMinutes(30));
        keeper.Tick();
        Assert.Equal(writes, _chip.Writes.Count);

        _system.AdjustTime(RtcTime.AddHours(1));
        keeper.Tick();
        Assert.Equal(_system.GetUtcNow().UtcDateTime, _chip.Time);
    }

    [Fact]
    public void An_rtc_that_lost_power_is_not_trusted_until_ntp_comes_and_rewrites_it()
    {
        _chip.OscillatorStopped = true;
        using var keeper = Keeper();

        keeper.Start();

        Assert.Empty(_setter.Calls);
        Assert.False(keeper.IsTimeTrusted);
        Assert.Equal(("lostPower", false), (keeper.Probe().Rtc, keeper.Probe().Trusted));
        Assert.Contains("without a trusted time source", Assert.Single(_events).Text, StringComparison.Ordinal);

        _ntp.Synchronized = true;
        keeper.Tick();

        Assert.True(keeper.IsTimeTrusted);
        Assert.False(_chip.OscillatorStopped);
        Assert.Equal(_system.GetUtcNow().UtcDateTime, _chip.Time);
        var status = keeper.Probe();
        Assert.Equal(("ok", (double?)null), (status.Rtc, status.RtcDriftSeconds));
        Assert.Equal(2, _events.Count);
    }

    [Fact]
    public void An_rtc_that_was_never_set_is_not_believed()
    {
        _chip.Time = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using var keeper = Keeper();

        keeper.Start();

        Assert.Empty(_setter.Calls);
        Assert.False(keeper.IsTimeTrusted);
    }

    [Fact]
    public void Without_cap_sys_time_the_gateway_goes_on_untrusted()
    {
        _setter.Failure = "the service lacks CAP_SYS_TIME";
        using var keeper = Keeper();

        keeper.Start();

        Assert.Single(_setter.Calls);
        Assert.False(keeper.IsTimeTrusted);
        Assert.Contains("CAP_SYS_TIME", Assert.Single(_events).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_rtc_leaves_the_time_untrusted_and_says_so()
    {
        _chip.Answering = false;
        using var keeper = Keeper();

        keeper.Start();

        Assert.Equal(("noAnswer", false), (keeper.Probe().Rtc, keeper.Probe().Trusted));
        Assert.Single(_events);
    }

    [Fact]
    public void The_platforms_set_time_steps_the_clock_and_writes_the_rtc()
    {
        _chip.OscillatorStopped = true;
        using var keeper = Keeper();
        keeper.Start();
        var platformTime = new DateTimeOffset(2026, 11, 29, 7, 0, 0, TimeSpan.Zero);

        Assert.True(keeper.TrySet(platformTime, out var error), error);

        Assert.Equal(platformTime.UtcDateTime, _chip.Time);
        Assert.False(_chip.OscillatorStopped);
        Assert.Equal(("platform", true), (keeper.Probe().Source, keeper.Probe().Trusted));
    }

    [Fact]
    public void The_rtc_keeps_the_kernels_century_convention_and_reads_the_bindings_too()
    {
        _ntp.Synchronized = true;
        _system.AdjustTime(RtcTime);
        using var keeper = Keeper();
        keeper.Start();

        // Linux's rtc-ds1307 (hwclock) writes 2000-2099 with the century bit clear; the binding alone would set it.
        Assert.Equal(0, _chip.Registers[0x05] & 0x80);

        _ntp.Synchronized = false;
        _chip.Registers[0x05] |= 0x80;
        using var restarted = Keeper();
        restarted.Start();
        Assert.Equal(RtcTime, _setter.Calls.Last());
    }

    private RtcClockKeeper Keeper() =>
        new(new RtcSettings(1, 0x68), () => _chip, _ntp, _setter, _events.Add, NullLogger.Instance, _system);
}
