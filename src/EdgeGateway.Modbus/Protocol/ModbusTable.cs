namespace EdgeGateway.Modbus.Protocol;

/// <summary>The four Modbus data tables. Addresses are always 0-based protocol addresses.</summary>
public enum ModbusTable
{
    Coil,
    DiscreteInput,
    InputRegister,
    HoldingRegister,
}
