namespace EdgeGateway.FieldBus.Polling;

/// <summary>A channel's place in a request's answer: its index in the profile and its register offset.</summary>
internal readonly record struct ChannelSlot(int ChannelIndex, int Offset);
