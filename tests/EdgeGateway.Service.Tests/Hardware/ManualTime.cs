namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>A system clock the test sets by hand.</summary>
internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
