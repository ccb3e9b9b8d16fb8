using System.Collections.Concurrent;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.DataFlow.Tests.FieldBus.Polling;

/// <summary>Keeps a copy of every poll cycle the poller hands over.</summary>
internal sealed class RecordingSink : IPollSink
{
    public ConcurrentQueue<(string Device, DateTimeOffset Timestamp, ChannelReading[] Readings, ModbusErrorKind Error)> Cycles { get; } = new();

    public void OnPoll(PolledDevice device, DateTimeOffset timestamp, ReadOnlySpan<ChannelReading> readings, ModbusErrorKind error) =>
        Cycles.Enqueue((device.Name, timestamp, readings.ToArray(), error));

    public IEnumerable<(string Device, DateTimeOffset Timestamp, ChannelReading[] Readings, ModbusErrorKind Error)> Of(string device) =>
        Cycles.Where(cycle => cycle.Device == device);
}
