namespace EdgeGateway.FieldBus.Polling;

/// <summary>One channel's result in one poll cycle. A small struct: cycles reuse the array that holds them.</summary>
/// <param name="ChannelIndex">Index into the profile's channels.</param>
/// <param name="Outcome">Whether there is a value.</param>
/// <param name="Raw">The decoded register value before scale and offset (NaN without a value).</param>
/// <param name="Value">Raw × scale + offset, in the channel's unit (NaN without a value).</param>
/// <param name="Status">The analyzer's status bits for this channel.</param>
public readonly record struct ChannelReading(int ChannelIndex, ChannelReadOutcome Outcome, double Raw, double Value, ChannelStatus Status);
