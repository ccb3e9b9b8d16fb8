namespace EdgeGateway.DataFlow.Tests.Pipeline;

/// <summary>A wall clock a test sets by hand, to step it forward and back.</summary>
internal sealed class SettableTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
