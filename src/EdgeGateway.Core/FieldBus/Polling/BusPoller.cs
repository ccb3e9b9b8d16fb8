using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Core.FieldBus.Polling;

/// <summary>
/// The poll loop of one physical bus: one serialised transaction queue for every device on the port (not one per
/// slave id, which collides on RS-485), each device at its own interval, degraded devices rarely.
/// </summary>
/// <remarks>
/// Runs on a dedicated thread that blocks in the transport's poll(2) or in a wait handle: an idle bus costs no CPU.
/// A device that stops answering is tried every <see cref="DevicePollSettings.DegradedPollInterval"/> after
/// <see cref="DevicePollSettings.DegradeAfterFailedCycles"/> silent cycles, so it costs the others one timeout
/// per degraded interval. A lost port (unplugged adapter, dropped connection) is reopened with exponential back-off.
/// </remarks>
public sealed class BusPoller
{
    private static readonly TimeSpan FirstReopenDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastReopenDelay = TimeSpan.FromSeconds(30);

    private readonly ModbusMaster _master;
    private readonly DeviceReader[] _readers;
    private readonly long[] _nextDue;
    private readonly DeviceHealth[] _health;
    private readonly IPollSink _sink;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private TimeSpan _reopenDelay = FirstReopenDelay;
    private bool _portLost;

    public BusPoller(string name, ModbusMaster master, IReadOnlyList<PolledDevice> devices, IPollSink sink, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(master);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(sink);
        Name = name;
        _master = master;
        _sink = sink;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _readers = [.. devices.Select(device => new DeviceReader(device))];
        _health = [.. devices.Select(device => new DeviceHealth(device.Name))];
        _nextDue = new long[devices.Count];
        Devices = devices;
    }

    public string Name { get; }

    public IReadOnlyList<PolledDevice> Devices { get; }

    /// <summary>Per-device health, in the order of <see cref="Devices"/>.</summary>
    public IReadOnlyList<DeviceHealth> Health => _health;

    public ModbusMasterStatistics Statistics => _master.Statistics;

    /// <summary>Starts the loop on its own thread; it ends when <paramref name="cancellationToken"/> is cancelled.</summary>
    public Thread Start(CancellationToken cancellationToken)
    {
        var thread = new Thread(() => Run(cancellationToken)) { IsBackground = true, Name = $"bus {Name}" };
        thread.Start();
        return thread;
    }

    /// <summary>Polls until cancelled. A failure of one device never ends the loop.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        foreach (var device in Devices)
        {
            BusPollerLog.DevicePlanned(_logger, Name, device.Name, device.UnitId, device.Profile.Model, device.Settings.PollInterval, device.Plan.Summary);
        }

        var start = _time.GetTimestamp();
        Array.Fill(_nextDue, start);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                RunOnce(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug must not silently stop a bus: say so loudly and carry on after a pause.
                BusPollerLog.LoopFailed(_logger, Name, e, FirstReopenDelay);
                cancellationToken.WaitHandle.WaitOne(FirstReopenDelay);
            }
        }

        _master.Transport.Close();
    }

    /// <summary>Waits for the next due device and polls it; one step of <see cref="Run"/>.</summary>
    internal void RunOnce(CancellationToken cancellationToken)
    {
        var next = 0;
        for (var i = 1; i < _nextDue.Length; i++)
        {
            if (_nextDue[i] < _nextDue[next])
            {
                next = i;
            }
        }

        if (_nextDue.Length == 0)
        {
            cancellationToken.WaitHandle.WaitOne();
            return;
        }

        var wait = _time.GetElapsedTime(_time.GetTimestamp(), _nextDue[next]);
        if (wait > TimeSpan.Zero)
        {
            cancellationToken.WaitHandle.WaitOne(wait);
            return;
        }

        PollDevice(next);
    }

    private void PollDevice(int index)
    {
        var reader = _readers[index];
        var device = reader.Device;
        var health = _health[index];
        var due = _nextDue[index];
        var timestamp = _time.GetUtcNow();
        var (answered, failure) = reader.ReadCycle(_master, health, timestamp);
        _sink.OnPoll(device, timestamp, reader.Readings, failure.Error);

        if (failure.Error == ModbusErrorKind.Transport && !answered)
        {
            PortFailed(failure.Detail ?? "port failed");
            return;
        }

        if (_portLost)
        {
            _portLost = false;
            _reopenDelay = FirstReopenDelay;
            BusPollerLog.PortRestored(_logger, Name);
        }

        if (health.RecordCycle(answered, device.Settings.DegradeAfterFailedCycles))
        {
            if (health.IsDegraded)
            {
                BusPollerLog.DeviceDegraded(_logger, Name, device.Name, health.ConsecutiveFailedCycles, health.LastError, device.Settings.DegradedPollInterval);
            }
            else
            {
                BusPollerLog.DeviceRecovered(_logger, Name, device.Name);
            }
        }

        var now = _time.GetTimestamp();
        var interval = health.IsDegraded ? device.Settings.DegradedPollInterval : device.Settings.PollInterval;
        var following = due + ToTimestamp(interval);

        // Keep the cycle's phase; if the bus fell behind, skip the missed cycles instead of bursting to catch up.
        _nextDue[index] = following > now ? following : now;
    }

    private void PortFailed(string reason)
    {
        if (!_portLost)
        {
            _portLost = true;
            BusPollerLog.PortLost(_logger, Name, reason, _reopenDelay);
        }

        var retry = _time.GetTimestamp() + ToTimestamp(_reopenDelay);
        for (var i = 0; i < _nextDue.Length; i++)
        {
            _nextDue[i] = Math.Max(_nextDue[i], retry);
        }

        _reopenDelay = _reopenDelay * 2 < LastReopenDelay ? _reopenDelay * 2 : LastReopenDelay;
    }

    private long ToTimestamp(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);
}
