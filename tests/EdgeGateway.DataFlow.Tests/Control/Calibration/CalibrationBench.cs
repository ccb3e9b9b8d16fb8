using EdgeGateway.Control;
using EdgeGateway.Control.Calibration;
using EdgeGateway.Control.Contract.Calibration;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Validation;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;

namespace EdgeGateway.DataFlow.Tests.Control.Calibration;

/// <summary>
/// A calibrator with its parts in a temp directory, and an "analyzer" that feeds the latest readings the way the
/// pipeline does: a new reading of channel 0 every 50 ms carrying whatever <see cref="Serve"/> was last given.
/// </summary>
internal sealed class CalibrationBench : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _feeder;
    private readonly Lock _gate = new();
    private double _value = double.NaN;
    private DataFlag _flag = DataFlag.C;
    private FlagReason _reason = FlagReason.CalibrationWindow;

    public CalibrationBench(CalibrationLimits? limits = null, string? directory = null)
    {
        Directory = directory ?? System.IO.Directory.CreateTempSubdirectory("egw-calibration-").FullName;
        Holder = new GatewayChannelStateHolder(new GatewayChannelState(Channels.Count));
        Book = new CalibrationBook(Channels, Holder, BookPath);
        Audit = new AuditTrail(Path.Combine(Directory, "audit.log"));
        Calibrator = new Calibrator(Channels, Book, Latest, Audit, Events.Add, limits ?? new CalibrationLimits { MinSamples = 3, LateReadingGrace = TimeSpan.FromMilliseconds(200) });
        _feeder = Task.Factory.StartNew(Feed, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public static ControlCaller Technician { get; } = new(4242, 0, 0);

    public ChannelTable Channels { get; } = new(
    [
        new ChannelDefinition(0, "cems", "so2", "a21026", "mg/m³", null),
        new ChannelDefinition(1, "cems", "nox", "a21002", "mg/m³", null),
    ]);

    public string Directory { get; }

    public string BookPath => Path.Combine(Directory, "calibration.json");

    public GatewayChannelStateHolder Holder { get; }

    public CalibrationBook Book { get; }

    public LatestReadings Latest { get; } = new(2);

    public AuditTrail Audit { get; }

    public List<GatewayEvent> Events { get; } = [];

    public Calibrator Calibrator { get; }

    /// <summary>From now on the analyzer's readings carry this value (as published: after the calibration in force).</summary>
    public void Serve(double value, DataFlag flag = DataFlag.C, FlagReason reason = FlagReason.CalibrationWindow)
    {
        lock (_gate)
        {
            _value = value;
            _flag = flag;
            _reason = reason;
        }
    }

    /// <summary>Runs a zero or span measurement to its end and returns its final status.</summary>
    public async Task<CalibrationRunStatus> MeasureAsync(string kind, double reference, double settleSeconds = 0.2, double averageSeconds = 1.0)
    {
        Assert.True(Calibrator.TryStart("cems.so2", kind, reference, TimeSpan.FromSeconds(settleSeconds), TimeSpan.FromSeconds(averageSeconds), Technician, out _, out var error), error);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var status = Calibrator.Progress("cems.so2")!;
            if (status.IsFinished)
            {
                return status;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("the measurement did not end within 30 s");
    }

    /// <summary>
    /// Zero at reference 0 and span at reference 400 on a drifted analyzer that reads 1.08 × true + 6: zero gas reads
    /// 6, span gas 438.
    /// </summary>
    public async Task<(CalibrationRunStatus Zero, CalibrationRunStatus Span)> MeasureDriftedPointsAsync()
    {
        Serve(6);
        var zero = await MeasureAsync("zero", 0);
        Serve(438);
        var span = await MeasureAsync("span", 400);
        Assert.True(zero.State == "done" && span.State == "done", $"zero: {zero.State} {zero.Error}; span: {span.State} {span.Error}");
        return (zero, span);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _feeder;
        await Calibrator.DisposeAsync();
        _stop.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    // A thread of its own, like a bus thread: a busy thread pool must not starve the "analyzer".
    private void Feed()
    {
        do
        {
            lock (_gate)
            {
                if (!double.IsNaN(_value) || _flag == DataFlag.B)
                {
                    Latest.Handle([new Reading(0, DateTime.UtcNow.Ticks, _value, _value, _flag, _reason)]);
                }
            }
        }
        while (!_stop.Token.WaitHandle.WaitOne(50));
    }
}
