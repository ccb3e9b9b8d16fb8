using EdgeGateway.Modbus.Slave;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Simulator.Serving;

/// <summary>One TCP client being served: its connection and the slave loop that answers it.</summary>
internal sealed record ServedConnection(TcpTransport Transport, ModbusSlaveServer Server);
