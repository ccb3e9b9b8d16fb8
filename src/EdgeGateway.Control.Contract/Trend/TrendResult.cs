namespace EdgeGateway.Control.Contract.Trend;

/// <summary>The result of the control command <c>trend</c>: one channel's stored readings or minute records, oldest first.</summary>
/// <param name="Channel">The channel key, <c>device.channel</c>.</param>
/// <param name="Code">Its HJ 212 code.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Period"><c>readings</c> or <c>minute</c>.</param>
/// <param name="Since">The start of the range (inclusive).</param>
/// <param name="Until">The end of the range (the time of the request).</param>
/// <param name="Points">The points, oldest first.</param>
public sealed record TrendResult(string Channel, string Code, string Unit, string Period, DateTimeOffset Since, DateTimeOffset Until, IReadOnlyList<TrendPoint> Points);
