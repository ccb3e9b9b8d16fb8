namespace EdgeGateway.Uplink.Platforms;

/// <summary>What a 3019/3020 returns: the items (e.g. <c>i13004-Info</c> → value) to send, and how it ended.</summary>
public sealed record PlatformInformationResult(PlatformCommandResult Result, IReadOnlyList<KeyValuePair<string, string>> Items);
