namespace EdgeGateway.Modbus.Transport;

/// <summary>A port or socket failure: the device is absent, busy, unplugged, or the peer went away.</summary>
public sealed class ModbusTransportException : IOException
{
    public ModbusTransportException(string message)
        : base(message)
    {
    }

    public ModbusTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
