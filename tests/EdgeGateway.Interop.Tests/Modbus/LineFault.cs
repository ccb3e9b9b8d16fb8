namespace EdgeGateway.Interop.Tests.Modbus;

/// <summary>What the tamperer does to the next answer travelling from the slave to the master.</summary>
public enum LineFault
{
    None,
    Drop,
    Delay,
    CorruptCrc,
}
