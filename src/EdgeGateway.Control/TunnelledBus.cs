using EdgeGateway.FieldBus.Polling;
using EdgeGateway.Modbus.Client;

namespace EdgeGateway.Control;

/// <summary>A bus the <c>modbus</c> control command may reach: its configured name and port, and its poll loop.</summary>
public sealed record TunnelledBus(string Name, ModbusEndpoint Endpoint, BusPoller Poller);
