using EdgeGateway.FieldBus.Polling;
using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>Keeps every cycle handed to the sink (copies: the span is only valid during the call).</summary>
internal sealed class RecordingPollSink : IPollSink
{
    public List<(string Device, DateTimeOffset Time, ChannelReading[] Readings, ModbusErrorKind Error)> Cycles { get; } = [];

    public void OnPoll(PolledDevice device, DateTimeOffset timestamp, ReadOnlySpan<ChannelReading> readings, ModbusErrorKind error) =>
        Cycles.Add((device.Name, timestamp, readings.ToArray(), error));
}
