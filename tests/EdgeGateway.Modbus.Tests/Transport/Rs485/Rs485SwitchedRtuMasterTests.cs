using EdgeGateway.Modbus.Tests.Client;
using EdgeGateway.Modbus.Transport;
using EdgeGateway.Testing.Modbus.Transport;

namespace EdgeGateway.Modbus.Tests.Transport.Rs485;

/// <summary>The whole RTU master contract again, with the master's end behind an RS-485 direction switch.</summary>
public sealed class Rs485SwitchedRtuMasterTests : RtuMasterContractTests
{
    protected override (IModbusTransport Master, IModbusTransport Slave) CreateLine()
    {
        var log = new Rs485EventLog();
        var (master, slave) = InMemoryTransportPair.Create("rs485-rtu");
        return (new Rs485DirectionSwitchingTransport(master, new RecordingDirectionSwitch(log), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1), log.Sleep), slave);
    }
}
