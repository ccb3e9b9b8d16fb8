using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.Interop.Tests.Simulator;

/// <summary>Reads a profile's channels and status words through a master, as the gateway decodes them.</summary>
internal static class ChannelReads
{
    /// <summary>The channel's engineering value (raw × scale + offset); fails the test on any Modbus error.</summary>
    public static double Read(ModbusMaster master, byte unitId, ProfileChannel channel)
    {
        double raw;
        if (channel.Table is ModbusTable.Coil or ModbusTable.DiscreteInput)
        {
            var bits = new bool[1];
            var result = master.ReadBits(unitId, channel.Table, (ushort)channel.Address, 1, bits);
            Assert.True(result.IsSuccess, $"{channel.Id}: {result}");
            raw = bits[0] ? 1 : 0;
        }
        else
        {
            var registers = new ushort[channel.Length];
            var result = master.ReadRegisters(unitId, channel.Table, (ushort)channel.Address, (ushort)channel.Length, registers);
            Assert.True(result.IsSuccess, $"{channel.Id}: {result}");
            raw = ModbusValueCodec.Decode(registers, channel.Type, channel.ByteOrder, channel.Bit ?? 0);
        }

        return (raw * channel.Scale) + channel.Offset;
    }

    /// <summary>A status word's decoded value (0 or 1 on the bit tables).</summary>
    public static long ReadStatus(ModbusMaster master, byte unitId, ProfileStatusWord word)
    {
        if (word.Table is ModbusTable.Coil or ModbusTable.DiscreteInput)
        {
            var bits = new bool[1];
            var bitResult = master.ReadBits(unitId, word.Table, (ushort)word.Address, 1, bits);
            Assert.True(bitResult.IsSuccess, $"{word.Id}: {bitResult}");
            return bits[0] ? 1 : 0;
        }

        var registers = new ushort[word.Length];
        var result = master.ReadRegisters(unitId, word.Table, (ushort)word.Address, (ushort)word.Length, registers);
        Assert.True(result.IsSuccess, $"{word.Id}: {result}");
        return (long)ModbusValueCodec.Decode(registers, word.Type, word.ByteOrder);
    }

    /// <summary>Half a raw step: how far a rounded integer channel may sit from the value it was given.</summary>
    public static double Tolerance(ProfileChannel channel) => channel.Type switch
    {
        ModbusDataType.F32 => 1e-6 * Math.Max(1, Math.Abs(channel.Range?.Max ?? 1)),
        ModbusDataType.F64 => 1e-12,
        _ => Math.Abs(channel.Scale) / 2,
    };

    public static ProfileStatusWord Status(DeviceProfile profile, string id) => profile.Status.Single(word => word.Id == id);

    public static ProfileChannel Channel(DeviceProfile profile, string id) => profile.Channels.Single(channel => channel.Id == id);
}
