using EdgeGateway.Modbus.Slave;

namespace EdgeGateway.Simulator.Serving;

/// <summary>One TCP client being served: its connection and the slave loop that answers it.</summary>
internal sealed record ServedConnection(AcceptedTcpConnection Transport, ModbusSlaveServer Server);
