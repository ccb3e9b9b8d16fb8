namespace EdgeGateway.Modbus.Protocol;

/// <summary>How a transaction failed; the kinds the scheduler counts per device.</summary>
public enum ModbusErrorKind
{
    None,
    /// <summary>No complete answer before the deadline.</summary>
    Timeout,
    /// <summary>A frame of the expected length arrived with a wrong CRC (RTU only).</summary>
    Crc,
    /// <summary>The slave answered with an exception response.</summary>
    Exception,
    /// <summary>An answer arrived but does not fit the request (function, byte count, echo).</summary>
    Mismatch,
    /// <summary>The port or socket failed (unplugged, refused, reset).</summary>
    Transport,
}
