namespace EdgeGateway.Uplink.Commands;

/// <summary>The result of <c>set-time</c>.</summary>
/// <param name="PreviousTime">The clock just before the step (UTC).</param>
/// <param name="Time">The time it was set to (UTC).</param>
/// <param name="StepSeconds">How far the clock moved; negative when it went back.</param>
public sealed record SetTimeResult(string PreviousTime, string Time, double StepSeconds);
