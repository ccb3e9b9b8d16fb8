using System.Collections.Concurrent;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Slave;
using EdgeGateway.Testing.Modbus.Transport;

namespace EdgeGateway.DataFlow.Tests.FieldBus.Polling;

/// <summary>The bus queue (<see cref="BusPoller.SubmitAsync{T}"/>) against a behavioural slave on an in-memory line.</summary>
public sealed class BusPollerQueueTests : IDisposable
{
    // Two requests per device cycle (input 0 for the channel, holding 100 for the status word): work that ran in the
    // middle of a cycle would show between them in the slave's log.
    private const string ProfileJson = """
        {
          "model": "queue-test-analyzer",
          "manufacturer": "test",
          "description": "one float and a status word",
          "kind": "flue-gas",
          "defaults": { "byteOrder": "CDAB", "maxGap": 4 },
          "channels": [
            { "id": "so2", "code": "a21026", "name": "SO2", "unit": "mg/m3", "table": "input", "address": 0, "type": "f32" }
          ],
          "status": [
            { "id": "state", "table": "holding", "address": 100, "type": "u16", "bits": [ { "bit": 0, "means": "maintenance" } ] }
          ]
        }
        """;

    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    private readonly ConcurrentQueue<string> _log = new();
    private readonly InMemoryModbusLine _line = new();
    private readonly DeviceProfile _profile = DeviceProfileLoader.Parse(ProfileJson, "queue-test-analyzer.json");
    private readonly RecordingSink _sink = new();

    public BusPollerQueueTests()
    {
        _line.Units[1] = new LoggingSlaveDevice(_log);
    }

    [Fact]
    public async Task Work_runs_on_the_bus_thread_with_the_buses_master()
    {
        var poller = Poller(TimeSpan.FromMilliseconds(20));
        using var cancel = new CancellationTokenSource();
        var thread = poller.Start(cancel.Token);
        try
        {
            var (threadName, result, coils) = await poller.SubmitAsync(exchange =>
            {
                var bits = new bool[2];
                var outcome = exchange.ReadBits(1, ModbusTable.Coil, 3, 2, bits);
                return (Thread.CurrentThread.Name, outcome, bits);
            }, TestContext.Current.CancellationToken).WaitAsync(Generous, TestContext.Current.CancellationToken);

            Assert.StartsWith("bus ", threadName, StringComparison.Ordinal);
            Assert.True(result.IsSuccess, result.ToString());
            Assert.Equal([false, false], coils);
            Assert.Contains("coil 3", _log);
        }
        finally
        {
            cancel.Cancel();
            thread.Join(Generous);
        }
    }

    [Fact]
    public async Task Work_runs_between_device_cycles_first_come_first_served()
    {
        var poller = Poller(TimeSpan.FromMilliseconds(1));
        using var cancel = new CancellationTokenSource();
        var thread = poller.Start(cancel.Token);
        try
        {
            Assert.True(SpinWait.SpinUntil(() => _sink.Cycles.Count >= 2, Generous), "the device was not polled");
            var tasks = Enumerable.Range(0, 10).Select(index => poller.SubmitAsync(
                exchange =>
                {
                    _log.Enqueue($"work {index}");
                    return index;
                },
                TestContext.Current.CancellationToken)).ToArray();
            var done = await Task.WhenAll(tasks).WaitAsync(Generous, TestContext.Current.CancellationToken);
            Assert.True(SpinWait.SpinUntil(() => _sink.Cycles.Count >= 20, Generous), "the device stopped being polled");

            Assert.Equal(Enumerable.Range(0, 10), done);
            var log = _log.ToArray();
            Assert.Equal(Enumerable.Range(0, 10).Select(index => $"work {index}"), log.Where(entry => entry.StartsWith("work", StringComparison.Ordinal)));
            for (var i = 0; i < log.Length - 1; i++)
            {
                if (log[i] == "input 0")
                {
                    Assert.True(log[i + 1] == "holding 100", $"'{log[i + 1]}' came in the middle of a device cycle: {string.Join(", ", log)}");
                }
            }
        }
        finally
        {
            cancel.Cancel();
            thread.Join(Generous);
        }
    }

    [Fact]
    public async Task A_request_does_not_wait_for_the_next_device_due()
    {
        var poller = Poller(TimeSpan.FromHours(1));
        using var cancel = new CancellationTokenSource();
        var thread = poller.Start(cancel.Token);
        try
        {
            Assert.True(SpinWait.SpinUntil(() => _sink.Cycles.Count == 1, Generous), "no first cycle");

            var result = await poller.SubmitAsync(exchange => exchange.ReadRegisters(1, ModbusTable.HoldingRegister, 0, 1, new ushort[1]), TestContext.Current.CancellationToken)
                .WaitAsync(Generous, TestContext.Current.CancellationToken);

            Assert.True(result.IsSuccess, result.ToString());
            Assert.Single(_sink.Cycles);
        }
        finally
        {
            cancel.Cancel();
            thread.Join(Generous);
        }
    }

    [Fact]
    public async Task At_most_sixteen_requests_wait_and_the_seventeenth_is_refused_as_busy()
    {
        // Not started yet: nothing takes work from the queue.
        var poller = Poller(TimeSpan.FromHours(1));
        var waiting = Enumerable.Range(0, BusPoller.MaxPendingRequests).Select(index => poller.SubmitAsync(_ => index, TestContext.Current.CancellationToken)).ToArray();

        var refused = poller.SubmitAsync(_ => -1, TestContext.Current.CancellationToken);

        var busy = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => refused);
        Assert.IsType<BusQueueFullException>(busy);
        Assert.Contains("busy", busy.Message, StringComparison.Ordinal);
        Assert.All(waiting, task => Assert.False(task.IsCompleted));

        using var cancel = new CancellationTokenSource();
        var thread = poller.Start(cancel.Token);
        try
        {
            Assert.Equal(Enumerable.Range(0, BusPoller.MaxPendingRequests), await Task.WhenAll(waiting).WaitAsync(Generous, TestContext.Current.CancellationToken));
        }
        finally
        {
            cancel.Cancel();
            thread.Join(Generous);
        }
    }

    [Fact]
    public async Task Work_cancelled_by_its_submitter_before_it_starts_gives_its_place_back_and_never_runs()
    {
        var poller = Poller(TimeSpan.FromHours(1));
        using var changedMind = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var ran = 0;
        var withdrawn = Enumerable.Range(0, BusPoller.MaxPendingRequests).Select(_ => poller.SubmitAsync(_ => Interlocked.Increment(ref ran), changedMind.Token)).ToArray();

        changedMind.Cancel();
        var later = poller.SubmitAsync(_ => 42, TestContext.Current.CancellationToken);

        Assert.All(withdrawn, task => Assert.True(task.IsCanceled));
        using var cancel = new CancellationTokenSource();
        var thread = poller.Start(cancel.Token);
        try
        {
            Assert.Equal(42, await later.WaitAsync(Generous, TestContext.Current.CancellationToken));
            Assert.Equal(0, ran);
        }
        finally
        {
            cancel.Cancel();
            thread.Join(Generous);
        }
    }

    [Fact]
    public async Task Work_still_waiting_when_the_loop_stops_is_cancelled_and_so_is_work_submitted_after()
    {
        var poller = Poller(TimeSpan.FromHours(1));
        using var cancel = new CancellationTokenSource();
        using var blocking = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var testEnded = TestContext.Current.CancellationToken;
        var thread = poller.Start(cancel.Token);
        var blocker = poller.SubmitAsync(_ =>
        {
            blocking.Set();
            release.Wait(Generous, testEnded);
            return "done";
        }, TestContext.Current.CancellationToken);
        Assert.True(blocking.Wait(Generous, testEnded), "the first work never started");
        var pending = Enumerable.Range(0, 3).Select(index => poller.SubmitAsync(_ => index, TestContext.Current.CancellationToken)).ToArray();

        cancel.Cancel();
        release.Set();
        Assert.True(thread.Join(Generous), "the loop did not stop");

        Assert.Equal("done", await blocker.WaitAsync(Generous, TestContext.Current.CancellationToken));
        foreach (var task in pending)
        {
            await Assert.ThrowsAsync<TaskCanceledException>(() => task);
        }

        await Assert.ThrowsAsync<TaskCanceledException>(() => poller.SubmitAsync(_ => 0, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Work_that_throws_faults_only_its_own_task_and_the_bus_carries_on()
    {
        var poller = Poller(TimeSpan.FromMilliseconds(20));
        using var cancel = new CancellationTokenSource();
        var thread = poller.Start(cancel.Token);
        try
        {
            var failing = poller.SubmitAsync<int>(_ => throw new FormatException("a broken request"), TestContext.Current.CancellationToken);
            var following = poller.SubmitAsync(_ => 7, TestContext.Current.CancellationToken);

            var thrown = await Assert.ThrowsAsync<FormatException>(() => failing.WaitAsync(Generous, TestContext.Current.CancellationToken));
            Assert.Equal("a broken request", thrown.Message);
            Assert.Equal(7, await following.WaitAsync(Generous, TestContext.Current.CancellationToken));
            var cycles = _sink.Cycles.Count;
            Assert.True(SpinWait.SpinUntil(() => _sink.Cycles.Count >= cycles + 3, Generous), "the device is no longer polled");
        }
        finally
        {
            cancel.Cancel();
            thread.Join(Generous);
        }
    }

    [Fact]
    public async Task Work_runs_while_the_port_is_lost_and_gets_the_transport_failure_as_its_result()
    {
        var (masterEnd, _) = InMemoryTransportPair.Create("unplugged");
        masterEnd.Close();
        masterEnd.OpenFailure = "/dev/ttyUSB0: no such serial port";
        using var master = new ModbusMaster(masterEnd, new ModbusRtuFramer(), new ModbusMasterOptions());
        var poller = new BusPoller("unplugged", master, [PolledDevice.Create("cems", 1, _profile, Settings(TimeSpan.FromMilliseconds(20)))], _sink);
        using var cancel = new CancellationTokenSource();
        var thread = poller.Start(cancel.Token);
        try
        {
            Assert.True(SpinWait.SpinUntil(() => !_sink.Cycles.IsEmpty, Generous), "no first cycle");

            // The port is now in its reopen back-off (1 s, then longer): the request runs meanwhile.
            var result = await poller.SubmitAsync(exchange => exchange.ReadRegisters(1, ModbusTable.HoldingRegister, 0, 1, new ushort[1]), TestContext.Current.CancellationToken)
                .WaitAsync(Generous, TestContext.Current.CancellationToken);

            Assert.Equal(ModbusErrorKind.Transport, result.Error);
            Assert.Equal("/dev/ttyUSB0: no such serial port", result.Detail);
        }
        finally
        {
            cancel.Cancel();
            thread.Join(Generous);
        }
    }

    public void Dispose()
    {
        _line.Dispose();
    }

    private static DevicePollSettings Settings(TimeSpan interval) => new()
    {
        PollInterval = interval,
        Timeout = TimeSpan.FromMilliseconds(40),
        Retries = 0,
    };

    private BusPoller Poller(TimeSpan interval) => new("test", _line.Master, [PolledDevice.Create("cems", 1, _profile, Settings(interval))], _sink);
}
