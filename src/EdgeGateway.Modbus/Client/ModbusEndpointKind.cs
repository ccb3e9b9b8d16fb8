namespace EdgeGateway.Modbus.Client;

/// <summary>What carries the bus and how frames look on it.</summary>
public enum ModbusEndpointKind
{
    /// <summary>A local serial port (RS-485 adapter, UART) with RTU framing.</summary>
    Serial,

    /// <summary>Modbus TCP: MBAP framing on a TCP connection.</summary>
    Tcp,

    /// <summary>RTU frames carried unchanged over TCP: the serial-device servers common in cabinets.</summary>
    RtuOverTcp,
}
