namespace EdgeGateway.Uplink;

/// <summary>
/// The publishes one session of <see cref="OutboxPublisher"/> has started whose outcome is not in yet. Only the
/// session's loop adds to it and waits on it; each publish settles its own outcome (from whatever thread completes
/// it) and, if it failed, raises <see cref="Failed"/> so the loop stops sending at once.
/// </summary>
internal sealed class InFlightPublishes : IDisposable
{
    private readonly List<Task> _publishes = [];
    private readonly CancellationTokenSource _failed = new();
    private readonly CancellationTokenSource _abandoned = new();

    /// <summary>Publishes still waiting for their outcome.</summary>
    public int Count
    {
        get
        {
            Prune();
            return _publishes.Count;
        }
    }

    /// <summary>Cancelled when a publish of the session failed: the session ends.</summary>
    public CancellationToken Failed => _failed.Token;

    /// <summary>The publishes' own token: cancelled only when a stop gives up waiting for their PUBACKs.</summary>
    public CancellationToken Abandoned => _abandoned.Token;

    public void Add(Task publish) => _publishes.Add(publish);

    /// <summary>Called by a publish that ended without an acknowledgement.</summary>
    public void MarkFailed() => _failed.Cancel();

    /// <summary>Waits until fewer than <paramref name="limit"/> publishes are in flight.</summary>
    public async Task WaitForRoomAsync(int limit, CancellationToken cancellationToken)
    {
        while (Count >= limit)
        {
            await Task.WhenAny(_publishes).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Completes when one of the publishes now in flight ends (a slot frees up); only while <see cref="Count"/> is above 0.</summary>
    public Task AnyEndedAsync() => Task.WhenAny(_publishes);

    /// <summary>
    /// Waits until every publish has its outcome. Before a stop, each waits as long as the link lets it (its publish
    /// timeout); once <paramref name="stopping"/> is cancelled, they get <paramref name="stopTimeout"/> more, then are
    /// abandoned (cancelled, so they stay owed in the outbox).
    /// </summary>
    public async Task DrainAsync(TimeSpan stopTimeout, TimeProvider time, CancellationToken stopping)
    {
        var all = Task.WhenAll(_publishes);
        if (!stopping.IsCancellationRequested)
        {
            try
            {
                await all.WaitAsync(stopping).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // A stop came while waiting: the stop's bound applies from now.
            }
        }

        try
        {
            await all.WaitAsync(stopTimeout, time, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // IMessagePublisher honours cancellation, so the abandoned ones end promptly.
            await _abandoned.CancelAsync().ConfigureAwait(false);
            await all.ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _failed.Dispose();
        _abandoned.Dispose();
    }

    // Drops the publishes that have ended; one that faulted (a bug, since a publish settles its own expected
    // failures) surfaces here.
    private void Prune()
    {
        for (var i = _publishes.Count - 1; i >= 0; i--)
        {
            if (_publishes[i].IsCompleted)
            {
                var ended = _publishes[i];
                _publishes.RemoveAt(i);
                ended.GetAwaiter().GetResult();
            }
        }
    }
}
