namespace EdgeGateway.Modbus.Transport;

/// <summary>Serial parity. Modbus RTU asks for even parity by default; many analyzers ship with none.</summary>
public enum SerialParity
{
    None,
    Even,
    Odd,
}
