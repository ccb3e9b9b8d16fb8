namespace EdgeGateway.Pipeline.Alarms;

/// <summary>An alarm that is active: one episode of one rule on one channel.</summary>
/// <param name="Key">The channel key.</param>
/// <param name="Rule">Pre-warning or exceedance.</param>
/// <param name="Quantity">What the limit applies to.</param>
/// <param name="Limit">The limit.</param>
/// <param name="Threshold">What was passed: the limit, or the pre-warning fraction of it.</param>
/// <param name="RaisedAt">The end of the window that raised it.</param>
/// <param name="Value">The value of the last window that kept it active.</param>
/// <param name="Peak">The highest value of the episode.</param>
/// <param name="WindowStart">The start of that window.</param>
/// <param name="WindowEnd">The end of that window.</param>
/// <param name="Sample">The over-limit sample this exceedance asked for; null when its limit names no sampler.</param>
public sealed record ActiveAlarm(string Key, AlarmRule Rule, LimitQuantity Quantity, double Limit, double Threshold, DateTimeOffset RaisedAt, double Value, double Peak, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, SampleRetention? Sample = null);
