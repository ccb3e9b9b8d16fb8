namespace EdgeGateway.Pipeline.Alarms;

/// <summary>The over-limit sample an exceedance asked its sampler for (HJ 212 CN 3015), kept with the alarm.</summary>
/// <param name="Device">The sampler (device name in gateway.json).</param>
/// <param name="State">Requested, retained, failed or unknown.</param>
/// <param name="RequestedAt">When the gateway asked (the gateway's time).</param>
/// <param name="VaseNo">The bottle the sampler reports the sample went into, HJ 212's <c>VaseNo</c>; null until retained, or when the profile reads none back.</param>
/// <param name="Detail">Why it failed, or what the sampler answered.</param>
public sealed record SampleRetention(string Device, SampleRetentionState State, DateTimeOffset RequestedAt, int? VaseNo = null, string? Detail = null);
