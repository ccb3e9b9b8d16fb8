namespace EdgeGateway.Core.Alarms;

/// <summary>What a sampler's retain-sample command gave.</summary>
/// <param name="Retained">The sampler acknowledged the command (and its read-backs answered).</param>
/// <param name="VaseNo">The bottle it reports, when its profile reads one back.</param>
/// <param name="Detail">The write done, or why it failed.</param>
public sealed record SampleRetentionOutcome(bool Retained, int? VaseNo, string Detail);
