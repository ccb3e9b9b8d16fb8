namespace EdgeGateway.Hosting.Health;

/// <summary>The ring and its consumer.</summary>
/// <param name="RingRefused">Readings the full ring refused (each announced in a buffer-overflow event).</param>
internal sealed record PipelineHealth(bool ConsumerRunning, long Consumed, long RingRefused, int Channels);
