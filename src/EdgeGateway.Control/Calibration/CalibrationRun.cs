using EdgeGateway.Control.Contract.Calibration;
using EdgeGateway.Pipeline;

namespace EdgeGateway.Control.Calibration;

/// <summary>
/// One zero or span measurement on one channel: lets the reading settle, then averages the channel's readings as
/// they arrive, before gateway calibration (the coefficients in force are inverted; they cannot change while a run is
/// open). Fed by <see cref="Calibrator"/>'s sampling loop; read by any thread through <see cref="Status"/>.
/// </summary>
public sealed class CalibrationRun
{
    private readonly Lock _gate = new();
    private readonly List<double> _values = [];
    private readonly double _gain;
    private readonly double _offset;
    private long _lastTicks;
    private double? _latest;
    private int _rejected;
    private string _state = "settling";
    private MeasuredPoint? _point;
    private string? _error;
    private DateTimeOffset _now;

    public CalibrationRun(ChannelDefinition channel, string kind, double reference, TimeSpan settle, TimeSpan average, DateTimeOffset startedAt, ControlCaller caller, ChannelCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(calibration);
        Channel = channel;
        Kind = kind;
        Reference = reference;
        Settle = settle;
        Average = average;
        StartedAt = startedAt;
        Caller = caller;
        _gain = calibration.Gain;
        _offset = calibration.Offset;
        _lastTicks = startedAt.UtcTicks;
        _now = startedAt;
    }

    public ChannelDefinition Channel { get; }

    public string Kind { get; }

    public double Reference { get; }

    public TimeSpan Settle { get; }

    public TimeSpan Average { get; }

    public DateTimeOffset StartedAt { get; }

    public ControlCaller Caller { get; }

    public CancellationTokenSource Cancellation { get; } = new();

    public DateTimeOffset AveragingFrom => StartedAt + Settle;

    public DateTimeOffset Ends => StartedAt + Settle + Average;

    public bool IsFinished
    {
        get
        {
            lock (_gate)
            {
                return _state is "done" or "failed" or "cancelled";
            }
        }
    }

    /// <summary>Takes a reading if it is newer than the last one taken; readings before the start are ignored.</summary>
    public void Offer(in Reading reading, DateTimeOffset now)
    {
        lock (_gate)
        {
            _now = now;
            if (_state is not ("settling" or "averaging"))
            {
                return;
            }

            _state = now >= AveragingFrom ? "averaging" : "settling";
            if (reading.TimestampTicks <= _lastTicks)
            {
                return;
            }

            _lastTicks = reading.TimestampTicks;
            if (reading.Timestamp > Ends)
            {
                // Polled after the averaging window: the technician may already be changing gases.
                return;
            }

            var usable = double.IsFinite(reading.Value) && reading.Reason is not (FlagReason.NoAnswer or FlagReason.PortLost or FlagReason.Refused or FlagReason.NotANumber or FlagReason.AnalyzerFault or FlagReason.Spike or FlagReason.ManualValue);
            double? measured = usable ? (reading.Value - _offset) / _gain : null;
            _latest = measured ?? _latest;
            if (reading.Timestamp < AveragingFrom)
            {
                return;
            }

            if (measured is { } value)
            {
                _values.Add(value);
            }
            else
            {
                _rejected++;
            }
        }
    }

    /// <summary>Ends the averaging: a point when enough readings were valid, else the reason.</summary>
    public MeasuredPoint? Finish(DateTimeOffset now, int minSamples, out string? error)
    {
        lock (_gate)
        {
            _now = now;
            if (_values.Count < minSamples)
            {
                error = $"only {_values.Count} valid readings while averaging ({_rejected} left out: no answer, fault, spike, not a number or a manual value); at least {minSamples} are needed — check the analyzer and average longer";
                return null;
            }

            var mean = _values.Average();
            var variance = _values.Sum(value => (value - mean) * (value - mean)) / Math.Max(1, _values.Count - 1);
            var half = _values.Count / 2;
            var drift = _values.Skip(half).Average() - _values.Take(half).DefaultIfEmpty(mean).Average();
            error = null;
            return new MeasuredPoint(Reference, mean, _values.Count, Math.Sqrt(variance), drift, now, UserNames.Of(Caller.UserId));
        }
    }

    public void Complete(string state, MeasuredPoint? point, string? error, DateTimeOffset now)
    {
        lock (_gate)
        {
            _state = state;
            _point = point;
            _error = error;
            _now = now;
        }
    }

    public CalibrationRunStatus Status()
    {
        lock (_gate)
        {
            return new CalibrationRunStatus(
                Channel.Key,
                Kind,
                Reference,
                _state,
                StartedAt,
                Settle.TotalSeconds,
                Average.TotalSeconds,
                Math.Round((_now - StartedAt).TotalSeconds, 1),
                _latest,
                _values.Count,
                _rejected,
                _values.Count > 0 ? _values.Average() : null,
                _point,
                _error);
        }
    }
}
