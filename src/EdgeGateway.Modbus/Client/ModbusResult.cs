using System.Diagnostics.CodeAnalysis;
using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Modbus.Client;

/// <summary>
/// The outcome of a transaction. Expected failures (timeouts, CRC errors, exceptions) are values, not thrown,
/// because a poll loop meets them every day; <see cref="ThrowIfFailed"/> turns one into a typed exception.
/// </summary>
public readonly struct ModbusResult
{
    private ModbusResult(ModbusErrorKind error, ModbusExceptionCode exceptionCode, byte unitId, string? detail, int attempts)
    {
        Error = error;
        ExceptionCode = exceptionCode;
        UnitId = unitId;
        Detail = detail;
        Attempts = attempts;
    }

    public ModbusErrorKind Error { get; }

    public ModbusExceptionCode ExceptionCode { get; }

    public byte UnitId { get; }

    public string? Detail { get; }

    /// <summary>How many times the request was sent.</summary>
    public int Attempts { get; }

    [MemberNotNullWhen(false, nameof(Detail))]
    public bool IsSuccess => Error == ModbusErrorKind.None;

    /// <summary>
    /// An exception 0A (gateway path unavailable) or 0B (gateway target device failed to respond): a Modbus TCP gateway
    /// or serial server answered because the slave behind it did not. The device itself gave no answer.
    /// </summary>
    public bool IsAbsentBehindGateway =>
        Error == ModbusErrorKind.Exception
        && ExceptionCode is ModbusExceptionCode.GatewayPathUnavailable or ModbusExceptionCode.GatewayTargetDeviceFailedToRespond;

    public static ModbusResult Success(byte unitId, int attempts = 1) => new(ModbusErrorKind.None, ModbusExceptionCode.None, unitId, null, attempts);

    public static ModbusResult Failure(ModbusErrorKind error, byte unitId, string detail, ModbusExceptionCode exceptionCode = ModbusExceptionCode.None, int attempts = 1) =>
        new(error, exceptionCode, unitId, detail, attempts);

    public ModbusResult WithAttempts(int attempts) => new(Error, ExceptionCode, UnitId, Detail, attempts);

    /// <summary>Throws a <see cref="ModbusException"/> (a <see cref="ModbusSlaveException"/> for exception answers) unless successful.</summary>
    public void ThrowIfFailed()
    {
        if (IsSuccess)
        {
            return;
        }

        if (Error == ModbusErrorKind.Exception)
        {
            throw new ModbusSlaveException(UnitId, ExceptionCode);
        }

        throw new ModbusException(Error, ToString());
    }

    public override string ToString() => IsSuccess ? "ok" : Detail;
}
