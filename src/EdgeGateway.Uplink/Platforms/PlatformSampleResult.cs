namespace EdgeGateway.Uplink.Platforms;

/// <summary>How a 3015/3022 ended; <see cref="VaseNo"/> and <see cref="DataTime"/> go into the 3015 data reply when the sample was kept.</summary>
public sealed record PlatformSampleResult(PlatformCommandResult Result, int? VaseNo, DateTimeOffset? DataTime);
