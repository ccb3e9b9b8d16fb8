namespace EdgeGateway.Uplink.Contract;

/// <summary>One real-time reading inside a <see cref="ReadingsMessage"/>.</summary>
/// <param name="Sequence">Its outbox sequence number.</param>
/// <param name="Channel">The channel key, <c>device.channel</c>.</param>
/// <param name="Code">The HJ 212 factor code (may be empty when the channel has none).</param>
/// <param name="Unit">The engineering unit.</param>
/// <param name="Time">Poll time, UTC ISO 8601 with milliseconds.</param>
/// <param name="Value">Engineering value; null when there is none (flag B, decoding failed).</param>
/// <param name="Raw">Decoded register value before scaling and calibration; null when there is none.</param>
/// <param name="Flag">HJ 212 data flag letter.</param>
/// <param name="Reason">Why the flag was set, camelCase; <c>none</c> for a normal value.</param>
/// <param name="Kind">
/// <c>runState</c> for a treatment facility's run state (Value is the HJ 212 state 0-5, Code the equipment code such
/// as SB1); absent (null) for a measured value.
/// </param>
public sealed record ContractReading(long Sequence, string Channel, string Code, string Unit, string Time, double? Value, double? Raw, string Flag, string Reason, string? Kind = null);
