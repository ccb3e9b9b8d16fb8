namespace EdgeGateway.Control.Contract;

/// <summary>
/// The result of the <c>modbus</c> control command. A Modbus failure is a result too (not a control error), so that
/// <c>egw</c> reports it exactly as after a direct call: <see cref="Error"/> names it and <see cref="Pdu"/> is absent.
/// </summary>
/// <param name="Bus">The bus that carried the request.</param>
/// <param name="Pdu">The checked answer PDU in hex; null after a failure, or when nothing was sent (a look-up).</param>
/// <param name="Error">timeout, crc, exception, mismatch or transport; null on success.</param>
/// <param name="ExceptionCode">The slave's exception code after an <c>exception</c> error.</param>
/// <param name="Detail">The failure as one line for people.</param>
/// <param name="Attempts">How many times the request was sent; null when nothing was sent.</param>
public sealed record ModbusTunnelResult(string Bus, string? Pdu = null, string? Error = null, int? ExceptionCode = null, string? Detail = null, int? Attempts = null);
