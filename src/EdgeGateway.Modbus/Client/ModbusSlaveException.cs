using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Modbus.Client;

/// <summary>The slave answered with an exception response (codes 01–0B).</summary>
public sealed class ModbusSlaveException : ModbusException
{
    public ModbusSlaveException(byte unitId, ModbusExceptionCode code)
        : base(ModbusErrorKind.Exception, Describe(unitId, code))
    {
        UnitId = unitId;
        Code = code;
    }

    public byte UnitId { get; }

    public ModbusExceptionCode Code { get; }

    /// <summary>The one line a technician reads, e.g. <c>slave 1 answered exception 02: illegal data address (…)</c>.</summary>
    public static string Describe(byte unitId, ModbusExceptionCode code) =>
        $"slave {unitId} answered exception {(byte)code:X2}: {ModbusExceptionCodeText.Describe(code)}";
}
