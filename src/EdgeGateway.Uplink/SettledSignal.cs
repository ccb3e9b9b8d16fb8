namespace EdgeGateway.Uplink;

/// <summary>
/// "Records were acknowledged in the outbox", told by <see cref="AcknowledgingSender"/> after each settle, so that a
/// stop's flush (<see cref="OutboxPublisher.FlushAsync"/>) looks again when something changed instead of every few
/// milliseconds. Threads: any thread may pulse and wait.
/// </summary>
internal sealed class SettledSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = NewPulse();

    /// <summary>Completes at the next <see cref="Pulse"/>: take it before looking, so a pulse in between is not missed.</summary>
    public Task Next
    {
        get
        {
            lock (_gate)
            {
                return _next.Task;
            }
        }
    }

    public void Pulse()
    {
        TaskCompletionSource pulsed;
        lock (_gate)
        {
            pulsed = _next;
            _next = NewPulse();
        }

        pulsed.SetResult();
    }

    // Continuations run off the settling thread (a PUBACK's): the waiter's look at the outbox must not run on it.
    private static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
