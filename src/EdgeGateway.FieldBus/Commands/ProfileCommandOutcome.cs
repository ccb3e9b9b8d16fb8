using EdgeGateway.Modbus.Client;

namespace EdgeGateway.FieldBus.Commands;

/// <summary>What a profile command's write and read-backs gave.</summary>
/// <param name="Outcome">The write's result, or the first read-back's failure.</param>
/// <param name="Results">The read-back registers decoded so far, by the profile's names.</param>
/// <param name="Written">The device acknowledged the write (a failed outcome is then a read-back's).</param>
public sealed record ProfileCommandOutcome(ModbusResult Outcome, IReadOnlyDictionary<string, double> Results, bool Written);
