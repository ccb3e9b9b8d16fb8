using EdgeGateway.Modbus.Client;

namespace EdgeGateway.FieldBus.Polling;

/// <summary>
/// One queued piece of work and the task its submitter awaits. It runs at most once; cancellation counts only
/// before it starts, so a request that reached the bus (a write, say) always reports what it did.
/// </summary>
internal sealed class BusWork<T>(Func<IModbusExchange, T> work) : IBusWork
{
    private const int Waiting = 0;
    private const int Started = 1;
    private const int Cancelled = 2;

    // Continuations must not run on the bus thread: a slow awaiter would hold up the poll loop.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _registration;
    private int _state;

    public Task<T> Task => _completion.Task;

    public bool IsAbandoned => Volatile.Read(ref _state) == Cancelled;

    /// <summary>Cancels the work when <paramref name="cancellationToken"/> is cancelled before the work starts.</summary>
    public void CancelWhen(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.Register(static (state, token) => ((BusWork<T>)state!).Cancel(token), this);
        }
    }

    public void Run(IModbusExchange exchange)
    {
        if (Interlocked.CompareExchange(ref _state, Started, Waiting) != Waiting)
        {
            return;
        }

        _registration.Unregister();
        try
        {
            _completion.TrySetResult(work(exchange));
        }
        catch (Exception exception)
        {
            // The submitter's failure is the submitter's: its task carries it, the bus carries on.
            _completion.TrySetException(exception);
        }
    }

    public void Abandon()
    {
        _registration.Unregister();
        Cancel(CancellationToken.None);
    }

    private void Cancel(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Waiting) == Waiting)
        {
            _completion.TrySetCanceled(cancellationToken);
        }
    }
}
