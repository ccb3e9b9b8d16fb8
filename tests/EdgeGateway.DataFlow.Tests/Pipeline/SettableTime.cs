namespace EdgeGateway.DataFlow.Tests.Pipeline;

/// <summary>
/// A wall clock a test sets by hand whose timestamps and timers run on real time, which FakeTimeProvider (one virtual
/// time for all three) cannot be: the command handler's history re-send paces itself with
/// <see cref="TimeProvider.GetTimestamp"/> and <c>Task.Delay</c> on this clock and would never finish on a frozen one.
/// Every other test uses FakeTimeProvider.
/// </summary>
internal sealed class SettableTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
