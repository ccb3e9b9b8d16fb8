using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.FieldBus.Polling;

/// <summary>One request of a device's plan, with where each channel and status word sits in its answer.</summary>
internal sealed record DeviceReadLayout(ModbusTable Table, ushort Address, ushort Count, ChannelSlot[] Channels, StatusSlot[] Status);
