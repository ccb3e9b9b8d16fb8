namespace EdgeGateway.FieldBus.Polling;

/// <summary>A bit (or, with no bit, a whole-word value) of a status word and the channels it puts into a state.</summary>
internal sealed record StatusTarget(int? Bit, long Value, ChannelStatus Status, int[] Channels);
