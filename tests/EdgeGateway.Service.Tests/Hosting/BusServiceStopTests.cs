using EdgeGateway.FieldBus.Polling;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Hosting;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Framing;
using EdgeGateway.Service.Tests.Hardware;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Service.Tests.Hosting;

/// <summary>How a bus's stop waits for its thread.</summary>
public sealed class BusServiceStopTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Issue 18: the stop blocked its caller (a thread-pool thread) in Thread.Join until the bus thread ended, so under
    /// load the rest of the stop waited for the pool to inject threads. The stop now awaits the thread's end: while the
    /// thread is still held in its transport, StopAsync has returned a task that is not complete, and the caller is free.
    /// </summary>
    [Fact]
    public async Task Stopping_a_bus_whose_thread_is_still_held_does_not_block_the_caller_until_it_ends()
    {
        var profile = DeviceProfileLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "profiles", "cems-flue-gas.json"));
        var settings = new DevicePollSettings { PollInterval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(1), Retries = 0 };
        using var transport = new HeldTransport();
        var master = new ModbusMaster(transport, new ModbusTcpFramer(), new ModbusMasterOptions());
        var poller = new BusPoller("held", master, [PolledDevice.Create("cems", 1, profile, settings)], new RecordingPollSink());
        using var service = new BusService(poller, NullLogger<BusService>.Instance);
        await service.StartAsync(TestContext.Current.CancellationToken);
        Assert.True(transport.Reading.WaitOne(Generous), "the bus thread never read");

        Task stop = service.StopAsync(TestContext.Current.CancellationToken);

        Assert.False(stop.IsCompleted, "StopAsync blocked its caller until the bus thread ended or its limit passed");
        Assert.True(service.IsAlive);
        transport.Release();
        await stop.WaitAsync(Generous, TestContext.Current.CancellationToken);
        Assert.True(SpinWait.SpinUntil(() => !service.IsAlive, Generous), "the bus thread did not end");
    }
}
