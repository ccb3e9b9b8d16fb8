using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.FieldBus.Polling;

/// <summary>Receives every poll cycle's readings; the pipeline's entry. Called on the bus thread: return quickly, never block.</summary>
public interface IPollSink
{
    /// <param name="device">The device polled.</param>
    /// <param name="timestamp">When the cycle started (UTC).</param>
    /// <param name="readings">One reading per channel of the profile, in profile order; valid only during the call.</param>
    /// <param name="error">The first failure of the cycle, <see cref="ModbusErrorKind.None"/> when every request was answered.</param>
    void OnPoll(PolledDevice device, DateTimeOffset timestamp, ReadOnlySpan<ChannelReading> readings, ModbusErrorKind error);
}
