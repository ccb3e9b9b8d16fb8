namespace EdgeGateway.Uplink.Commands;

/// <summary>The result of <c>retain-sample</c>: HJ 212's 3015 answer, <c>DataTime</c> and <c>VaseNo</c>.</summary>
/// <param name="Device">The sampler that kept the sample.</param>
/// <param name="Time">When it took the command (ISO 8601, UTC).</param>
/// <param name="DataTime">The same in HJ 212's notation, site time (<c>yyyyMMddHHmmss</c>).</param>
/// <param name="VaseNo">The bottle the sampler reports; absent when its profile reads none back.</param>
public sealed record RetainSampleResult(string Device, string Time, string DataTime, int? VaseNo);
