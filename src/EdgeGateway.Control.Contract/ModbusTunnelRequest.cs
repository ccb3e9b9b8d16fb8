namespace EdgeGateway.Control.Contract;

/// <summary>
/// The arguments of the <c>modbus</c> control command: a bus by its <paramref name="Port"/> or its
/// <paramref name="Bus"/> name, and the request. Without <paramref name="Pdu"/> nothing is sent: the answer only
/// names the bus that serves the port (how <c>egw modbus</c> decides whether to go through the service).
/// </summary>
/// <param name="Port">The port as in the configuration (/dev/ttyUSB0, tcp://host:502, rtu+tcp://host:4001).</param>
/// <param name="Bus">The bus's name in the configuration.</param>
/// <param name="Unit">The slave, 1 to 247 (a broadcast is not sent through the service).</param>
/// <param name="Pdu">The request PDU in hex (function code first, no address, no CRC).</param>
/// <param name="TimeoutMs">The answer timeout, 1 to 10000 ms; the bus's own when absent.</param>
/// <param name="Retries">Repeats after no valid answer, 0 to 10; the bus's own when absent.</param>
public sealed record ModbusTunnelRequest(string? Port = null, string? Bus = null, int? Unit = null, string? Pdu = null, int? TimeoutMs = null, int? Retries = null)
{
    /// <summary>The longest answer timeout a request may ask for: a tunnelled request holds up the bus's polling.</summary>
    public const int MaxTimeoutMs = 10_000;

    /// <summary>The most repeats a request may ask for.</summary>
    public const int MaxRetries = 10;
}
