using EdgeGateway.FieldBus.Polling;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Configuration;

/// <summary>One validated bus: where it is, how to talk on it, and its devices.</summary>
/// <param name="Name">Unique on the site.</param>
/// <param name="Endpoint">The serial device or TCP endpoint.</param>
/// <param name="Serial">Line settings; null for Modbus TCP.</param>
/// <param name="Driver">Serial transport implementation.</param>
/// <param name="Master">Bus-wide master options (gap, echo).</param>
/// <param name="Devices">Its devices, with their read plans.</param>
/// <param name="Rs485">Who switches the RS-485 transceiver (<see cref="Rs485Settings.Auto"/> unless configured).</param>
internal sealed record BusSettings(string Name, ModbusEndpoint Endpoint, SerialSettings? Serial, SerialDriver Driver, ModbusMasterOptions Master, IReadOnlyList<PolledDevice> Devices, Rs485Settings Rs485)
{
    /// <summary>The cap of the back-off between two attempts to reopen the port when it is lost (<c>reopenMaxDelay</c>).</summary>
    public TimeSpan ReopenMaxDelay { get; init; } = BusPoller.DefaultReopenMaxDelay;
}
