using System.Globalization;
using System.Text;
using EdgeGateway.Core.FieldBus.Polling;
using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Demo;

/// <summary>Prints each poll cycle as one readable line: what the platform will receive once the uplink is built.</summary>
internal sealed class ConsolePollSink(TextWriter output) : IPollSink
{
    private readonly Lock _gate = new();

    public void OnPoll(PolledDevice device, DateTimeOffset timestamp, ReadOnlySpan<ChannelReading> readings, ModbusErrorKind error)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"{timestamp.ToLocalTime():HH:mm:ss} {device.Name,-10}");
        if (error is not (ModbusErrorKind.None or ModbusErrorKind.Exception))
        {
            line.Append(CultureInfo.InvariantCulture, $" no answer ({error.ToString().ToLowerInvariant()})");
        }
        else
        {
            var channels = device.Profile.Channels;
            foreach (var reading in readings)
            {
                var channel = channels[reading.ChannelIndex];
                if (channel.Code.Length == 0 || reading.Outcome != ChannelReadOutcome.Ok)
                {
                    continue;
                }

                line.Append(CultureInfo.InvariantCulture, $" {channel.Id}={reading.Value:0.##}");
                if (reading.Status != ChannelStatus.Normal)
                {
                    line.Append(CultureInfo.InvariantCulture, $"[{reading.Status.ToString().ToLowerInvariant()}]");
                }
            }
        }

        lock (_gate)
        {
            output.WriteLine(line.ToString());
        }
    }
}
