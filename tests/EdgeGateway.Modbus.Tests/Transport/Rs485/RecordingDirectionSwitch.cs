using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Modbus.Tests.Transport.Rs485;

/// <summary>A DE/RE line that only logs what it is told.</summary>
internal sealed class RecordingDirectionSwitch(Rs485EventLog log) : IRs485DirectionSwitch
{
    public void Transmit() => log.Add("transmit");

    public void Receive() => log.Add("receive");
}
