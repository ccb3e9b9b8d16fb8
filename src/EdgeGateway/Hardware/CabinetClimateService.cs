using System.Globalization;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hardware;

/// <summary>
/// Reads the cabinet climate sensor every <see cref="ClimateSettings.Interval"/> and hands the two channels to the
/// pipeline through the same <see cref="IPollSink"/> the buses use, so they are flagged like analyzer channels: a
/// failed read (no answer, CRC error, no chip) gives flag B on both, never a repeated value. Limits raise an
/// <c>alarm</c> event once when crossed and another when back to normal, with hysteresis.
/// </summary>
internal sealed partial class CabinetClimateService : BackgroundService
{
    /// <summary>How far below <see cref="ClimateSettings.TemperatureHigh"/> the temperature must fall to clear (°C).</summary>
    public const double TemperatureHysteresis = 1;

    /// <summary>How far below <see cref="ClimateSettings.HumidityHigh"/> the humidity must fall to clear (%RH).</summary>
    public const double HumidityHysteresis = 3;

    private readonly ClimateSettings _settings;
    private readonly Func<ICabinetClimateSensor> _openSensor;
    private readonly IPollSink _sink;
    private readonly Action<GatewayEvent> _raise;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PolledDevice _device;
    private readonly ClimateLimitWatch? _temperatureWatch;
    private readonly ClimateLimitWatch? _humidityWatch;
    private ICabinetClimateSensor? _sensor;
    private string? _lastError;

    /// <param name="settings">The <c>hardware.climate</c> section.</param>
    /// <param name="openSensor">Opens the chip (production: <see cref="OpenSensor"/>); may throw when the bus is missing, and is tried again next cycle.</param>
    /// <param name="sink">The pipeline's entry.</param>
    /// <param name="raise">Where limit events go (the outbox appender).</param>
    /// <param name="logger">Failures (once per change of error) and recoveries.</param>
    /// <param name="time">The clock readings are stamped with.</param>
    public CabinetClimateService(ClimateSettings settings, Func<ICabinetClimateSensor> openSensor, IPollSink sink, Action<GatewayEvent> raise, ILogger logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(openSensor);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(raise);
        ArgumentNullException.ThrowIfNull(logger);
        _settings = settings;
        _openSensor = openSensor;
        _sink = sink;
        _raise = raise;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _device = CabinetClimateDevice.Create(settings.Device);
        _temperatureWatch = settings.TemperatureHigh is { } temperature ? new ClimateLimitWatch(temperature, TemperatureHysteresis) : null;
        _humidityWatch = settings.HumidityHigh is { } humidity ? new ClimateLimitWatch(humidity, HumidityHysteresis) : null;
    }

    /// <summary>The production sensor for <paramref name="settings"/> on <c>/dev/i2c-N</c>.</summary>
    public static ICabinetClimateSensor OpenSensor(ClimateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var device = System.Device.I2c.I2cDevice.Create(new System.Device.I2c.I2cConnectionSettings(settings.I2cBus, settings.Address));
        return settings.Sensor == ClimateSensorKind.Bme280 ? new Bme280ClimateSensor(device) : new Sht3xClimateSensor(device);
    }

    /// <summary>One cycle: read, hand both channels to the sink, check the limits. Called by the loop; tests call it directly.</summary>
    public void ReadOnce()
    {
        var now = _time.GetUtcNow();
        Span<ChannelReading> readings = stackalloc ChannelReading[2];
        if (TryRead(out var sample, out var error))
        {
            if (_lastError is not null)
            {
                LogRecovered(_logger, _settings.Device);
                _lastError = null;
            }

            readings[0] = new ChannelReading(CabinetClimateDevice.TemperatureIndex, ChannelReadOutcome.Ok, sample.TemperatureCelsius, sample.TemperatureCelsius, ChannelStatus.Normal);
            readings[1] = new ChannelReading(CabinetClimateDevice.HumidityIndex, ChannelReadOutcome.Ok, sample.HumidityPercent, sample.HumidityPercent, ChannelStatus.Normal);
            _sink.OnPoll(_device, now, readings, ModbusErrorKind.None);
            Check(_temperatureWatch, sample.TemperatureCelsius, CabinetClimateDevice.TemperatureChannel, "°C", now);
            Check(_humidityWatch, sample.HumidityPercent, CabinetClimateDevice.HumidityChannel, "%RH", now);
            return;
        }

        if (!string.Equals(error, _lastError, StringComparison.Ordinal))
        {
            LogReadFailed(_logger, _settings.Device, error);
            _lastError = error;
        }

        readings[0] = new ChannelReading(CabinetClimateDevice.TemperatureIndex, ChannelReadOutcome.NoAnswer, double.NaN, double.NaN, ChannelStatus.Normal);
        readings[1] = new ChannelReading(CabinetClimateDevice.HumidityIndex, ChannelReadOutcome.NoAnswer, double.NaN, double.NaN, ChannelStatus.Normal);
        _sink.OnPoll(_device, now, readings, ModbusErrorKind.Timeout);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start-up path: each read blocks for the chip's conversion (tens of milliseconds).
        await Task.Yield();
        using var timer = new PeriodicTimer(_settings.Interval, _time);
        try
        {
            do
            {
                ReadOnce();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        _sensor?.Dispose();
        base.Dispose();
    }

    private bool TryRead(out ClimateSample sample, out string error)
    {
        sample = default;
        if (_sensor is null)
        {
            try
            {
                _sensor = _openSensor();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                error = $"the {(_settings.Sensor == ClimateSensorKind.Bme280 ? "BME280" : "SHT3x")} on /dev/i2c-{_settings.I2cBus} cannot be opened: {exception.Message}";
                return false;
            }
        }

        if (_sensor.TryRead(out sample, out var problem))
        {
            error = string.Empty;
            return true;
        }

        error = problem;
        return false;
    }

    private void Check(ClimateLimitWatch? watch, double value, string channel, string unit, DateTimeOffset now)
    {
        if (watch is null || !watch.Update(value))
        {
            return;
        }

        var key = $"{_settings.Device}.{channel}";
        var shown = value.ToString("0.0", CultureInfo.InvariantCulture);
        var limit = watch.Limit.ToString("0.#", CultureInfo.InvariantCulture);
        var text = watch.IsRaised
            ? $"{key} {shown} {unit} is above its limit {limit} {unit}: analyzers drift in an overheated or damp cabinet"
            : $"{key} {shown} {unit} is back below its limit {limit} {unit}";
        LogLimit(_logger, text);
        _raise(new GatewayEvent(now, GatewayEventKind.Alarm, key, text));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cabinet climate sensor {Device}: {Problem}")]
    private static partial void LogReadFailed(ILogger logger, string device, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cabinet climate sensor {Device} answers again")]
    private static partial void LogRecovered(ILogger logger, string device);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Text}")]
    private static partial void LogLimit(ILogger logger, string text);
}
