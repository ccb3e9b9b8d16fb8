namespace EdgeGateway.Modbus.Client;

/// <summary>
/// Something that carries one Modbus transaction at a time to a slave and brings back its checked answer: the
/// <see cref="ModbusMaster"/> on a port, or a tunnel through the gateway service's bus queue. The typed requests
/// (<see cref="ModbusExchangeExtensions"/>) are built on this one primitive, so every exchange has them.
/// </summary>
public interface IModbusExchange
{
    /// <summary>
    /// Sends <paramref name="requestPdu"/> to <paramref name="unitId"/> and copies the checked answer PDU into
    /// <paramref name="responsePdu"/> (at least <see cref="Protocol.ModbusLimits.MaxPduLength"/> bytes). Expected
    /// failures (timeout, CRC, exception answer, lost port) are the result's value, not thrown.
    /// </summary>
    ModbusResult Execute(byte unitId, ReadOnlySpan<byte> requestPdu, Span<byte> responsePdu, out int responseLength, ModbusCallOptions? call = null);
}
