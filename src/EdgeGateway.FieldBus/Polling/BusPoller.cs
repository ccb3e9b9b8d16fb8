using System.Text.Json;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Primitives.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.FieldBus.Polling;

/// <summary>
/// The poll loop of one physical bus: one serialised transaction queue for every device on the port (not one per
/// slave id, which collides on RS-485), each device at its own interval, a device in an outage only probed.
/// </summary>
/// <remarks>
/// Runs on a dedicated thread that blocks in the transport's poll(2) or in a wait handle: an idle bus costs no CPU.
/// <para>
/// Outages. Every due poll of every device yields one reading per channel, so the platform never sees silence: a poll
/// without an answer yields B readings (reason noAnswer, or portLost when the port is gone). After
/// <see cref="DevicePollSettings.DegradeAfterFailedCycles"/> such polls in a row the device is in an outage: a
/// comm-loss event goes out, and from then on it is asked (with no retries) only every
/// <see cref="DevicePollSettings.ProbeInterval"/>; its polls in between yield B readings at once without touching the
/// bus, so it costs the other devices at most one timeout per probe interval. The first poll it answers ends the
/// outage with a comm-restored event. A lost port (unplugged adapter, refused or dropped connection) is reopened with
/// exponential back-off from 1 s up to the bus's reopen cap; meanwhile every device's polls yield portLost readings.
/// </para>
/// A device's poll interval can be changed while the loop runs (<see cref="SetPollInterval(TimeSpan)"/>, e.g. by the
/// platform's set-rt-interval command); the loop takes the change at its next step.
/// <para>
/// Bus queue. Other parts of the gateway that must talk to a device on this port (the control endpoint for
/// <c>egw modbus</c>; later, analyzer commands) do not open it a second time: they hand work to
/// <see cref="SubmitAsync{T}"/>, and the loop runs it on the bus thread between two device cycles, never in the middle
/// of one, first come first served. A queued request wakes the loop, so it does not wait for the next device due; when
/// devices and requests are both waiting they take turns, so neither starves the other. At most
/// <see cref="MaxPendingRequests"/> wait; beyond that a submission fails at once (the bus is busy). The work runs
/// while the port is lost too (the master reopens it, and a failed port is the result's value). When the loop stops,
/// work still waiting is cancelled, and so is work submitted after it stopped.
/// </para>
/// </remarks>
public sealed class BusPoller
{
    private static readonly TimeSpan FirstReopenDelay = TimeSpan.FromSeconds(1);

    /// <summary>The default cap of the back-off between two attempts to reopen a lost port.</summary>
    public static readonly TimeSpan DefaultReopenMaxDelay = TimeSpan.FromSeconds(10);

    /// <summary>How many submitted pieces of work may wait for the bus; more are refused.</summary>
    public const int MaxPendingRequests = 16;

    private readonly ModbusMaster _master;
    private readonly DeviceReader[] _readers;
    private readonly long[] _nextDue;

    // When each device in an outage may be asked again (a timestamp); its polls before then yield B without the bus.
    private readonly long[] _nextProbe;

    // When each device's last cycle was due (a timestamp), long.MinValue before its first: a new interval counts from it.
    private readonly long[] _lastDue;

    // Each device's poll interval in TimeSpan ticks. Written by any thread (SetPollInterval), read by the bus thread.
    private readonly long[] _intervalTicks;

    // Wakes the loop from its wait so that a shorter interval does not wait out the old one. Never disposed: the
    // poller lives as long as the process, and a setter may run after the loop ended.
    private readonly AutoResetEvent _intervalsChanged = new(initialState: false);

    // The bus queue (SubmitAsync), guarded by _requestsGate; _requestQueued wakes the loop's wait (never disposed, as above).
    private readonly Queue<IBusWork> _requests = new();
    private readonly Lock _requestsGate = new();
    private readonly AutoResetEvent _requestQueued = new(initialState: false);
    private bool _loopEnded;

    // Whether the bus thread's last step was a device cycle: then a waiting request goes before the next due device.
    private bool _lastStepWasCycle;
    private readonly DeviceHealth[] _health;
    private readonly IPollSink _sink;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Action<GatewayEvent>? _announce;
    private readonly TimeSpan _reopenMaxDelay;
    private TimeSpan _reopenDelay = FirstReopenDelay;
    private bool _portLost;
    private long _reopenAt = long.MinValue;
    private int _intervalChangePending;

    /// <param name="name">The bus's name in gateway.json.</param>
    /// <param name="master">The port's master.</param>
    /// <param name="devices">The devices it polls.</param>
    /// <param name="sink">Where every poll's readings go.</param>
    /// <param name="logger">The log.</param>
    /// <param name="time">The schedule's clock and the readings' timestamps; the system clock but in tests.</param>
    /// <param name="announce">
    /// Where a device's comm-loss and comm-restored events go (the outbox); called on the bus thread, must not block.
    /// </param>
    /// <param name="reopenMaxDelay">The cap of the reopen back-off of a lost port; <see cref="DefaultReopenMaxDelay"/> when null.</param>
    public BusPoller(string name, ModbusMaster master, IReadOnlyList<PolledDevice> devices, IPollSink sink, ILogger? logger = null, TimeProvider? time = null, Action<GatewayEvent>? announce = null, TimeSpan? reopenMaxDelay = null)
    {
        ArgumentNullException.ThrowIfNull(master);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(sink);
        if (reopenMaxDelay is { } cap)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(cap, FirstReopenDelay, nameof(reopenMaxDelay));
        }

        Name = name;
        _master = master;
        _sink = sink;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _announce = announce;
        _reopenMaxDelay = reopenMaxDelay ?? DefaultReopenMaxDelay;
        _readers = [.. devices.Select(device => new DeviceReader(device))];
        _health = [.. devices.Select(device => new DeviceHealth(device.Name))];
        _nextDue = new long[devices.Count];

        // Every device is first due now: Run starts the schedule again from its own start, and a driver of
        // RunDueStep (a virtual clock, whose timestamps count from its epoch, not from 0) gets one first cycle, not two.
        Array.Fill(_nextDue, _time.GetTimestamp());
        _nextProbe = new long[devices.Count];
        _lastDue = [.. devices.Select(_ => long.MinValue)];
        _intervalTicks = [.. devices.Select(device => device.Settings.PollInterval.Ticks)];
        Devices = devices;
    }

    public string Name { get; }

    public IReadOnlyList<PolledDevice> Devices { get; }

    /// <summary>Per-device health, in the order of <see cref="Devices"/>.</summary>
    public IReadOnlyList<DeviceHealth> Health => _health;

    public ModbusMasterStatistics Statistics => _master.Statistics;

    /// <summary>The bus's master options: the timeout and retries of work that brings none of its own.</summary>
    public ModbusMasterOptions MasterOptions => _master.Options;

    /// <summary>
    /// The poll interval the device at <paramref name="deviceIndex"/> (in the order of <see cref="Devices"/>) has now:
    /// its <see cref="DevicePollSettings.PollInterval"/> until <see cref="SetPollInterval(int, TimeSpan)"/> changed it.
    /// </summary>
    public TimeSpan PollIntervalOf(int deviceIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deviceIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(deviceIndex, _intervalTicks.Length);
        return TimeSpan.FromTicks(Volatile.Read(ref _intervalTicks[deviceIndex]));
    }

    /// <summary>Sets the poll interval of every device on this bus; see <see cref="SetPollInterval(int, TimeSpan)"/>.</summary>
    public void SetPollInterval(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        for (var i = 0; i < _intervalTicks.Length; i++)
        {
            Volatile.Write(ref _intervalTicks[i], interval.Ticks);
        }

        SignalIntervalChange();
    }

    /// <summary>
    /// Sets one device's poll interval; safe from any thread while the loop runs. It takes effect from the device's
    /// next cycle, which is then due one new interval after its last cycle started (at once if that is past), so a
    /// shorter interval does not wait out the longer one. A device in an outage yields its B readings at the new
    /// interval too, and is still asked only every <see cref="DevicePollSettings.ProbeInterval"/>.
    /// </summary>
    public void SetPollInterval(int deviceIndex, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deviceIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(deviceIndex, _intervalTicks.Length);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Volatile.Write(ref _intervalTicks[deviceIndex], interval.Ticks);
        SignalIntervalChange();
    }

    /// <summary>
    /// Queues <paramref name="work"/> to run on the bus thread between device cycles (see the class remarks), with the
    /// bus's master as its exchange, and returns its result. The task faults with the work's own exception, or with an
    /// <see cref="BusQueueFullException"/> (an <see cref="InvalidOperationException"/>) at once when <see cref="MaxPendingRequests"/> already wait. It is
    /// cancelled when <paramref name="cancellationToken"/> is cancelled before the work starts (once started, the work
    /// finishes and reports), and when the loop stops first.
    /// </summary>
    public Task<T> SubmitAsync<T>(Func<IModbusExchange, T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var item = new BusWork<T>(work);

        // Before queueing: a token already cancelled cancels the work here, and it never takes a place in the queue.
        item.CancelWhen(cancellationToken);
        lock (_requestsGate)
        {
            if (_loopEnded)
            {
                item.Abandon();
                return item.Task;
            }

            if (item.IsAbandoned)
            {
                return item.Task;
            }

            if (_requests.Count >= MaxPendingRequests)
            {
                DropAbandonedRequests();
            }

            if (_requests.Count >= MaxPendingRequests)
            {
                // Not queued: the registration must not keep the work alive for as long as the token lives.
                item.Abandon();
                return Task.FromException<T>(new BusQueueFullException($"bus {Name} is busy: {MaxPendingRequests} requests are already waiting for it; try again shortly"));
            }

            _requests.Enqueue(item);
        }

        _requestQueued.Set();
        return item.Task;
    }

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

        lock (_requestsGate)
        {
            // A loop restarted after a failure serves the queue again.
            _loopEnded = false;
        }

        var start = _time.GetTimestamp();
        Array.Fill(_nextDue, start);
        try
        {
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
        finally
        {
            AbandonRequests();
        }
    }

    /// <summary>Waits for the next due device and polls it; one step of <see cref="Run"/>.</summary>
    internal void RunOnce(CancellationToken cancellationToken)
    {
        if (RunDueStep(out var wait))
        {
            return;
        }

        // WaitAny takes whole milliseconds up to int.MaxValue; round up so a device is never polled early.
        var milliseconds = wait == Timeout.InfiniteTimeSpan ? Timeout.Infinite : (int)Math.Min(Math.Ceiling(wait.TotalMilliseconds), int.MaxValue);
        WaitHandle.WaitAny([cancellationToken.WaitHandle, _intervalsChanged, _requestQueued], milliseconds);
    }

    /// <summary>
    /// Runs one due step without waiting, on the caller's thread: a due device's cycle or a queued request. False
    /// when nothing is due. For a driver that owns the clock (a virtual one, in tests) instead of <see cref="Run"/>.
    /// </summary>
    public bool RunDueStep() => RunDueStep(out _);

    private bool RunDueStep(out TimeSpan wait)
    {
        if (Interlocked.Exchange(ref _intervalChangePending, 0) != 0)
        {
            RescheduleAfterIntervalChange();
        }

        var next = -1;
        for (var i = 0; i < _nextDue.Length; i++)
        {
            if (next < 0 || _nextDue[i] < _nextDue[next])
            {
                next = i;
            }
        }

        wait = next < 0 ? Timeout.InfiniteTimeSpan : _time.GetElapsedTime(_time.GetTimestamp(), _nextDue[next]);
        var deviceDue = next >= 0 && wait <= TimeSpan.Zero;

        // A due device goes first unless the last step was a device cycle: then a waiting request has its turn.
        if ((!deviceDue || _lastStepWasCycle) && TryTakeRequest(out var request))
        {
            _lastStepWasCycle = false;
            request.Run(_master);
            return true;
        }

        if (deviceDue)
        {
            _lastStepWasCycle = true;
            PollDevice(next);
            return true;
        }

        return false;
    }

    private void PollDevice(int index)
    {
        var reader = _readers[index];
        var device = reader.Device;
        var health = _health[index];
        var due = _nextDue[index];
        var timestamp = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        _lastDue[index] = due;

        bool answered;
        ModbusErrorKind error;
        var askedDevice = false;
        if (_portLost && !_master.Transport.IsOpen && started < _reopenAt)
        {
            // The port is gone and its next reopen is not due: nothing to ask, but the poll is due. B, at once.
            reader.MarkUnanswered(ChannelReadOutcome.PortLost);
            (answered, error) = (false, ModbusErrorKind.Transport);
        }
        else if (health.IsDegraded && started < _nextProbe[index] && !_portLost)
        {
            // In an outage between two probes: B without a timeout, so the other devices keep their pace.
            reader.MarkUnanswered(ChannelReadOutcome.NoAnswer);
            (answered, error) = (false, health.LastErrorKind);
        }
        else
        {
            // A normal cycle, a probe of a device in an outage (one try: one timeout at most), or a port reopen.
            askedDevice = true;
            var retries = health.IsDegraded || _portLost ? 0 : device.Settings.Retries;
            (answered, var failure) = reader.ReadCycle(_master, health, timestamp, retries);
            error = failure.Error;
            if (failure.Error == ModbusErrorKind.Transport && !answered)
            {
                PortFailed(failure.Detail ?? "port failed", health);
            }
            else if (_portLost)
            {
                PortRestored();
            }
        }

        _sink.OnPoll(device, timestamp, reader.Readings, error);
        var flagged = 0;
        foreach (ref readonly var reading in reader.Readings)
        {
            if (reading.Outcome is ChannelReadOutcome.NoAnswer or ChannelReadOutcome.PortLost)
            {
                flagged++;
            }
        }

        if (health.RecordCycle(answered, device.Settings.DegradeAfterFailedCycles, timestamp, flagged, askedDevice, error))
        {
            if (health.IsDegraded)
            {
                BusPollerLog.DeviceDegraded(_logger, Name, device.Name, health.ConsecutiveFailedCycles, health.LastError, device.Settings.ProbeInterval);
                Announce(GatewayEventKind.CommunicationLoss, device, health, timestamp, end: null);
            }
            else
            {
                BusPollerLog.DeviceRecovered(_logger, Name, device.Name);
                Announce(GatewayEventKind.CommunicationRestored, device, health, timestamp, end: timestamp);
            }
        }

        var now = _time.GetTimestamp();
        if (askedDevice && !answered && health.IsDegraded)
        {
            _nextProbe[index] = now + ToTimestamp(device.Settings.ProbeInterval);
        }

        var following = due + ToTimestamp(TimeSpan.FromTicks(Volatile.Read(ref _intervalTicks[index])));

        // Keep the cycle's phase; if the bus fell behind, skip the missed cycles instead of bursting to catch up.
        _nextDue[index] = following > now ? following : now;
    }

    private void Announce(GatewayEventKind kind, PolledDevice device, DeviceHealth health, DateTimeOffset at, DateTimeOffset? end)
    {
        if (_announce is null)
        {
            return;
        }

        var start = health.OutageStartOfLastRun;
        var reason = health.OutageIsPortLost ? "portLost" : "noAnswer";
        var detail = new DeviceOutageDetail(
            device.Name,
            Name,
            device.UnitId,
            reason,
            start,
            end,
            end is { } ended ? Math.Round((ended - start).TotalSeconds, 3) : null,
            health.OutageFailedPolls,
            health.OutageFlaggedReadings,
            health.OutageProbes,
            health.LastError);
        var text = end is null
            ? $"{device.Name} (slave {device.UnitId} on {Name}) does not answer since {start:yyyy-MM-ddTHH:mm:ssZ} ({(reason == "portLost" ? "port lost" : "no answer")}: {health.LastError}); its readings are flagged B until it answers"
            : $"{device.Name} (slave {device.UnitId} on {Name}) answers again after {(end.Value - start).TotalSeconds:0.#} s; {health.OutageFailedPolls} polls without an answer, {health.OutageFlaggedReadings} readings flagged B";
        _announce(new GatewayEvent(at, kind, device.Name, text, JsonSerializer.Serialize(detail, PollingJsonContext.Default.DeviceOutageDetail)));
    }

    // The port failed under the poll of the device whose health is `polled` (counted there by its transaction); every
    // other device on the port shares the failure: it is counted as theirs too, once per failed open or reopen.
    private void PortFailed(string reason, DeviceHealth polled)
    {
        foreach (var health in _health)
        {
            if (health != polled)
            {
                health.RecordPortFailure(reason);
            }
        }

        if (!_portLost)
        {
            _portLost = true;
            foreach (var health in _health)
            {
                health.SetPortLost(true);
            }

            BusPollerLog.PortLost(_logger, Name, reason, _reopenDelay);
        }

        _reopenAt = _time.GetTimestamp() + ToTimestamp(_reopenDelay);
        _reopenDelay = _reopenDelay * 2 < _reopenMaxDelay ? _reopenDelay * 2 : _reopenMaxDelay;
    }

    private void PortRestored()
    {
        _portLost = false;
        _reopenDelay = FirstReopenDelay;

        // The devices were silent because of the port: each is asked at its next poll, not one probe interval later.
        Array.Fill(_nextProbe, long.MinValue);
        foreach (var health in _health)
        {
            health.SetPortLost(false);
        }

        BusPollerLog.PortRestored(_logger, Name);
    }

    private bool TryTakeRequest([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IBusWork? request)
    {
        lock (_requestsGate)
        {
            while (_requests.TryDequeue(out request))
            {
                if (!request.IsAbandoned)
                {
                    return true;
                }
            }

            return false;
        }
    }

    // Under _requestsGate: work its submitter cancelled gives its place back, keeping the order of the rest.
    private void DropAbandonedRequests()
    {
        for (var count = _requests.Count; count > 0; count--)
        {
            var request = _requests.Dequeue();
            if (!request.IsAbandoned)
            {
                _requests.Enqueue(request);
            }
        }
    }

    private void AbandonRequests()
    {
        IBusWork[] left;
        lock (_requestsGate)
        {
            _loopEnded = true;
            left = [.. _requests];
            _requests.Clear();
        }

        foreach (var request in left)
        {
            request.Abandon();
        }
    }

    private void SignalIntervalChange()
    {
        Volatile.Write(ref _intervalChangePending, 1);
        _intervalsChanged.Set();
    }

    // On the bus thread: every device that has been polled is next due one (new) interval after its last cycle was
    // due. A device in an outage or on a lost port too: its polls then yield B readings without touching the port.
    private void RescheduleAfterIntervalChange()
    {
        for (var i = 0; i < _nextDue.Length; i++)
        {
            if (_lastDue[i] == long.MinValue)
            {
                continue;
            }

            _nextDue[i] = _lastDue[i] + ToTimestamp(TimeSpan.FromTicks(Volatile.Read(ref _intervalTicks[i])));
        }
    }

    private long ToTimestamp(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);
}
