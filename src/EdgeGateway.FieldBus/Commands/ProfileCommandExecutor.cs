using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.FieldBus.Commands;

/// <summary>
/// Runs a profile's command on the bus thread (inside <c>BusPoller.SubmitAsync</c>): the one write, then the registers
/// the profile says to read back. Shared by technicians' routines (<c>egw analyzer</c>) and over-limit sample retention.
/// </summary>
public static class ProfileCommandExecutor
{
    /// <summary>The write as a person reads it in an audit entry or event, e.g. <c>holding 102 = 1</c>.</summary>
    public static string Describe(ProfileCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return FormattableString.Invariant($"{(command.Table == ModbusTable.Coil ? "coil" : "holding")} {command.Address} = {command.Value}");
    }

    /// <summary>The write, then the read-backs; the first failure ends it, with what was read until then.</summary>
    public static ProfileCommandOutcome Execute(IModbusExchange exchange, byte unitId, ProfileCommand command)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(command);
        var results = new Dictionary<string, double>(StringComparer.Ordinal);
        var outcome = command.Table == ModbusTable.Coil
            ? exchange.WriteSingleCoil(unitId, (ushort)command.Address, command.Value != 0)
            : exchange.WriteSingleRegister(unitId, (ushort)command.Address, unchecked((ushort)command.Value));
        if (!outcome.IsSuccess)
        {
            return new ProfileCommandOutcome(outcome, results, Written: false);
        }

        foreach (var register in command.Results)
        {
            var raw = new ushort[register.Length];
            var read = exchange.ReadRegisters(unitId, register.Table, (ushort)register.Address, (ushort)register.Length, raw);
            if (!read.IsSuccess)
            {
                return new ProfileCommandOutcome(read, results, Written: true);
            }

            results[register.Name] = ModbusValueCodec.Decode(raw, register.Type, register.ByteOrder);
        }

        return new ProfileCommandOutcome(outcome, results, Written: true);
    }
}
