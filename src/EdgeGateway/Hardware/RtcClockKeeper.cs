using System.Device.I2c;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using EdgeGateway.Uplink.Commands;
using Iot.Device.Rtc;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hardware;

/// <summary>
/// Keeps the system clock and the cabinet's DS3231 in step, and knows whether the gateway's time can be trusted.
/// <list type="bullet">
/// <item>At start, when nothing synchronises the system clock, it is set from the RTC if the RTC's time is plausible
/// (after <see cref="EarliestPlausibleTime"/>, and the oscillator-stop flag OSF clear: the chip ran on its battery the
/// whole time). Without CAP_SYS_TIME the clock is left as it is, the log says why, and the time stays untrusted.</item>
/// <item>While the system clock is synchronised (NTP) the RTC is written once an hour, and right after the platform's
/// <c>set-time</c> (this class is also the <see cref="ISystemClockSetter"/> the command uses); each write first
/// measures the drift (RTC minus system).</item>
/// <item>Trust: NTP, a plausible RTC copied into the system clock, or the platform's set-time. Until one of them, the
/// pipeline marks readings <c>untrustedTime</c>; a <c>clock</c> event tells the platform at start and when trust comes.</item>
/// </list>
/// The RTC holds UTC, in the Linux kernel's convention (rtc-ds1307, hence hwclock): years 2000-2099 with the century
/// bit clear. Iot.Device.Bindings' Ds3231 reads and writes the other way round (bit set for 20xx), so the bit is
/// cleared after each write and a 19xx read is taken as 20xx; a chip moved between the gateway and the kernel's
/// <c>i2c-rtc</c> overlay then keeps its time. All chip access goes through one lock: the health probe, the command
/// thread and the service's timer call in.
/// </summary>
internal sealed partial class RtcClockKeeper : IClockStatusProbe, ISystemClockSetter, IDisposable
{
    /// <summary>DS3231 status register; bit 7 is OSF, set by the chip whenever its oscillator stopped.</summary>
    public const byte StatusRegister = 0x0F;
    public const byte OscillatorStopFlag = 0x80;

    /// <summary>DS3231 month register; bit 7 is the century bit.</summary>
    public const byte MonthRegister = 0x05;
    public const byte CenturyBit = 0x80;

    /// <summary>How often the RTC is written while NTP keeps the system clock.</summary>
    public static readonly TimeSpan WriteInterval = TimeSpan.FromHours(1);

    /// <summary>Before this an RTC's time is a reset chip, not a clock: this release's date, the earliest time the gateway can be running.</summary>
    public static readonly DateTimeOffset EarliestPlausibleTime = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _lock = new();
    private readonly Func<I2cDevice> _openDevice;
    private readonly IClockStatusProbe _system;
    private readonly ISystemClockSetter _setter;
    private readonly Action<GatewayEvent> _raise;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _description;
    private I2cDevice? _device;
    private Ds3231? _rtc;
    private string _rtcState = "noAnswer";
    private string _source = "system";
    private double? _drift;
    private DateTimeOffset? _lastWriteAttempt;
    private volatile bool _trusted;

    /// <param name="settings">The <c>hardware.rtc</c> section (for messages).</param>
    /// <param name="openDevice">Opens the chip (production: <c>I2cDevice.Create</c>); may throw when the bus is missing, and is tried again on the next use.</param>
    /// <param name="system">Whether NTP keeps the system clock.</param>
    /// <param name="setter">Steps the system clock.</param>
    /// <param name="raise">Where <c>clock</c> events go (the outbox appender).</param>
    /// <param name="logger">What happened to the clock.</param>
    /// <param name="time">The system clock as this class reads it.</param>
    public RtcClockKeeper(RtcSettings settings, Func<I2cDevice> openDevice, IClockStatusProbe system, ISystemClockSetter setter, Action<GatewayEvent> raise, ILogger logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(openDevice);
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(setter);
        ArgumentNullException.ThrowIfNull(raise);
        ArgumentNullException.ThrowIfNull(logger);
        _openDevice = openDevice;
        _system = system;
        _setter = setter;
        _raise = raise;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _description = $"DS3231 at 0x{settings.Address:X2} on /dev/i2c-{settings.I2cBus}";
    }

    /// <summary>True once the time comes from NTP, a healthy RTC or the platform. Cheap: the pipeline asks on every poll.</summary>
    public bool IsTimeTrusted => _trusted;

    /// <summary>At start: take the time from the RTC when nothing else keeps the clock, or write the RTC when NTP does.</summary>
    public void Start()
    {
        var status = _system.Probe();
        lock (_lock)
        {
            if (status.Synchronized == true)
            {
                GainTrust("system", "the system clock is synchronised (NTP)");
                WriteRtcFromSystem();
                return;
            }

            if (!TryReadRtc(out var rtcTime, out var problem))
            {
                StartUntrusted($"the RTC cannot be used ({problem})");
                return;
            }

            if (rtcTime < EarliestPlausibleTime)
            {
                StartUntrusted($"the RTC holds {Format(rtcTime)}, before {Format(EarliestPlausibleTime)}: it was never set");
                return;
            }

            if (!_setter.TrySet(rtcTime, out var error))
            {
                // Needs CAP_SYS_TIME: the gateway goes on with the system's time as it is, untrusted.
                LogSetFailed(_logger, error);
                StartUntrusted($"the system clock could not be set from the RTC ({error})");
                return;
            }

            LogSetFromRtc(_logger, Format(rtcTime));
            GainTrust("rtc", $"the system clock was set from the RTC ({Format(rtcTime)})");
        }
    }

    /// <summary>Every few minutes: trust NTP once it synchronises, and write the RTC from it once an hour.</summary>
    public void Tick()
    {
        var status = _system.Probe();
        if (status.Synchronized != true)
        {
            return;
        }

        lock (_lock)
        {
            if (!_trusted || _source != "system")
            {
                GainTrust("system", "the system clock is synchronised (NTP)");
            }

            if (_lastWriteAttempt is not { } last || _time.GetUtcNow() - last >= WriteInterval)
            {
                WriteRtcFromSystem();
            }
        }
    }

    /// <summary>The platform's set-time: steps the system clock, then writes the RTC so that it survives a power cut.</summary>
    public bool TrySet(DateTimeOffset utc, [NotNullWhen(false)] out string? error)
    {
        if (!_setter.TrySet(utc, out error))
        {
            return false;
        }

        lock (_lock)
        {
            GainTrust("platform", $"the platform set the clock to {Format(utc)}");
            WriteRtcFromSystem();
        }

        return true;
    }

    public ClockStatus Probe()
    {
        var status = _system.Probe();
        lock (_lock)
        {
            var source = status.Synchronized == true ? "system" : _source;
            return status with { Source = source, Rtc = _rtcState, RtcDriftSeconds = _drift, Trusted = _trusted || status.Synchronized == true };
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            CloseDevice();
        }
    }

    private void WriteRtcFromSystem()
    {
        // An absent chip is tried again at the next hour, not every minute: one warning an hour is enough.
        _lastWriteAttempt = _time.GetUtcNow();
        if (!TryOpen(out var rtc, out var problem))
        {
            LogRtcProblem(_logger, _description, problem);
            return;
        }

        try
        {
            var before = ReadUtc(rtc);
            var now = _time.GetUtcNow();
            if (_rtcState == "ok")
            {
                // Only a running oscillator has a drift worth reporting; after a power loss it is just the wrong time.
                _drift = Math.Round((before - now).TotalSeconds);
                LogDrift(_logger, _description, _drift.Value);
            }

            rtc.DateTime = now;
            WriteRegister(MonthRegister, (byte)(ReadRegister(MonthRegister) & ~CenturyBit));
            WriteRegister(StatusRegister, (byte)(ReadRegister(StatusRegister) & ~OscillatorStopFlag));
            _rtcState = "ok";
        }
        catch (IOException exception)
        {
            _rtcState = "noAnswer";
            LogRtcProblem(_logger, _description, exception.Message);
            CloseDevice();
        }
    }

    private bool TryReadRtc(out DateTimeOffset time, out string problem)
    {
        time = default;
        if (!TryOpen(out var rtc, out problem))
        {
            return false;
        }

        try
        {
            if (_rtcState == "lostPower")
            {
                problem = "its oscillator stopped (OSF set): it lost power and its time is wrong";
                return false;
            }

            time = ReadUtc(rtc);
            return true;
        }
        catch (Exception exception) when (exception is IOException or ArgumentOutOfRangeException)
        {
            // A chip whose registers hold no valid date (never set, garbage after a brown-out) also lands here.
            _rtcState = "noAnswer";
            problem = exception.Message;
            CloseDevice();
            return false;
        }
    }

    private bool TryOpen([NotNullWhen(true)] out Ds3231? rtc, out string problem)
    {
        problem = string.Empty;
        if (_rtc is not null)
        {
            rtc = _rtc;
            return true;
        }

        try
        {
            _device = _openDevice();
            _rtc = new Ds3231(_device) { LocalTimeZone = TimeZoneInfo.Utc };
            _rtcState = (ReadRegister(StatusRegister) & OscillatorStopFlag) != 0 ? "lostPower" : "ok";
            rtc = _rtc;
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            _rtcState = "noAnswer";
            problem = $"{_description} does not answer: {exception.Message}";
            CloseDevice();
            rtc = null;
            return false;
        }
    }

    private byte ReadRegister(byte register)
    {
        Span<byte> value = stackalloc byte[1];
        _device!.WriteRead([register], value);
        return value[0];
    }

    private void WriteRegister(byte register, byte value) => _device!.Write([register, value]);

    private void CloseDevice()
    {
        // Ds3231 disposes the I2C device it was given.
        _rtc?.Dispose();
        if (_rtc is null)
        {
            _device?.Dispose();
        }

        _rtc = null;
        _device = null;
    }

    private void StartUntrusted(string why)
    {
        var text = $"the gateway started without a trusted time source: {why}; readings are marked untrustedTime until NTP, the RTC or the platform's set-time gives the time";
        LogUntrusted(_logger, text);
        _raise(new GatewayEvent(_time.GetUtcNow(), GatewayEventKind.Clock, "clock", text));
    }

    private void GainTrust(string source, string why)
    {
        _source = source;
        if (_trusted)
        {
            return;
        }

        _trusted = true;
        var text = $"the gateway's time is trusted: {why}";
        LogTrusted(_logger, text);
        _raise(new GatewayEvent(_time.GetUtcNow(), GatewayEventKind.Clock, "clock", text));
    }

    private static DateTimeOffset ReadUtc(Ds3231 rtc)
    {
        // The kernel's convention (century bit clear for 20xx), which the binding reads as 19xx.
        var time = rtc.DateTime;
        return time.Year < 2000 ? time.AddYears(100) : time;
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "System clock set from the RTC: {Time}")]
    private static partial void LogSetFromRtc(ILogger logger, string time);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The system clock could not be set from the RTC: {Error}")]
    private static partial void LogSetFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Rtc}: {Problem}")]
    private static partial void LogRtcProblem(ILogger logger, string rtc, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Rtc} drift {DriftSeconds} s (RTC minus system); written from the system clock")]
    private static partial void LogDrift(ILogger logger, string rtc, double driftSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Text}")]
    private static partial void LogUntrusted(ILogger logger, string text);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Text}")]
    private static partial void LogTrusted(ILogger logger, string text);
}
