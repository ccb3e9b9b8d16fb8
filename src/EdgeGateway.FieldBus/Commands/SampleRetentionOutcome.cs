namespace EdgeGateway.FieldBus.Commands;

/// <summary>What a sampler's retain-sample command gave.</summary>
/// <param name="Retained">The sampler acknowledged the command (and its read-backs answered).</param>
/// <param name="VaseNo">The bottle it reports, when its profile reads one back.</param>
/// <param name="Detail">The write done, or why it failed.</param>
/// <param name="Retryable">
/// Not retained, and asking again may help: the sampler did not answer, its port was lost, or it said it was busy. A
/// refusal (an exception answer such as "illegal data address") is not retried.
/// </param>
public sealed record SampleRetentionOutcome(bool Retained, int? VaseNo, string Detail, bool Retryable = false);
