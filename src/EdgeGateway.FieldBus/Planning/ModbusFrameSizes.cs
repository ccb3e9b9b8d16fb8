namespace EdgeGateway.FieldBus.Planning;

/// <summary>Bytes on the wire of the read transactions of a plan, for Modbus RTU and Modbus TCP.</summary>
public static class ModbusFrameSizes
{
    /// <summary>RTU read request: slave, function, address (2), count (2), CRC (2).</summary>
    public const int RtuReadRequestBytes = 8;

    /// <summary>TCP read request: MBAP header (7: transaction, protocol, length, unit) + PDU (function, address, count).</summary>
    public const int TcpReadRequestBytes = MbapHeaderBytes + 5;

    /// <summary>Transaction id (2), protocol id (2), length (2), unit id (1).</summary>
    public const int MbapHeaderBytes = 7;

    /// <summary>Data bytes of the response: 2 per register, or the bits packed 8 to a byte.</summary>
    public static int PayloadBytes(ReadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ReadsBits ? (request.Count + 7) / 8 : 2 * request.Count;
    }

    /// <summary>RTU response: slave, function, byte count, data, CRC (2).</summary>
    public static int RtuResponseBytes(ReadRequest request) => 5 + PayloadBytes(request);

    /// <summary>TCP response: MBAP (7), function, byte count, data.</summary>
    public static int TcpResponseBytes(ReadRequest request) => MbapHeaderBytes + 2 + PayloadBytes(request);

    /// <summary>Both directions of every request of <paramref name="plan"/> over Modbus TCP (TCP/IP headers not counted).</summary>
    public static int TcpWireBytes(ReadPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Requests.Sum(request => TcpReadRequestBytes + TcpResponseBytes(request));
    }

    /// <summary>Both directions of every request of <paramref name="plan"/> over Modbus RTU.</summary>
    public static int RtuWireBytes(ReadPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Requests.Sum(request => RtuReadRequestBytes + RtuResponseBytes(request));
    }
}
