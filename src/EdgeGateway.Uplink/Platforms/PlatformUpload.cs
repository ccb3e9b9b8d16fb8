using EdgeGateway.Storage;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>One logical packet for the platform (its parts when split) and the outbox records it carries.</summary>
/// <param name="Frames">The frames to send in order; each waits for its own 9014 when replies are wanted.</param>
/// <param name="Range">The records acknowledged for the platform once every frame is through.</param>
/// <param name="FromBacklog">Sent after an outage (2025: the frames carry RF=1).</param>
internal sealed record PlatformUpload(IReadOnlyList<byte[]> Frames, SequenceRange Range, bool FromBacklog);
