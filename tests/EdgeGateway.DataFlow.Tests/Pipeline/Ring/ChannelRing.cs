using System.Threading.Channels;
using EdgeGateway.Pipeline.Ring;

namespace EdgeGateway.DataFlow.Tests.Pipeline.Ring;

/// <summary>
/// The simple reference ring: <see cref="Channel.CreateBounded{T}(BoundedChannelOptions, Action{T})"/> with a single
/// reader, in <see cref="BoundedChannelFullMode.DropWrite"/> mode, the dropped-item callback counted. It exists so
/// that the ring contract tests have a second, obviously correct implementation to hold
/// <see cref="MpscRing{T}"/> against (as System.Threading.Channels' own tests run one base over several channels).
/// It takes a lock per write and allocates while the consumer waits; the gateway uses <see cref="MpscRing{T}"/>.
/// </summary>
/// <typeparam name="T">The item.</typeparam>
public sealed class ChannelRing<T> : IRing<T>
    where T : struct
{
    private readonly Channel<T> _channel;

    // In DropWrite mode the channel's TryWrite answers true for an item it dropped; its callback runs on the
    // writing thread before TryWrite returns, so a per-thread (per-ring: not static) flag tells the writer.
    private readonly ThreadLocal<bool> _droppedOnThisThread = new();
    private long _rejected;
    private int _overflowing;

    /// <param name="capacity">Items wanted; rounded up to a power of two as <see cref="MpscRing{T}"/> does.</param>
    public ChannelRing(int capacity)
    {
        Capacity = RingCapacity.RoundUp(capacity, nameof(capacity));
        var options = new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.DropWrite,
        };
        _channel = Channel.CreateBounded<T>(options, OnItemDropped);
    }

    /// <inheritdoc />
    public event Action<long>? Overflowed;

    /// <inheritdoc />
    public int Capacity { get; }

    /// <inheritdoc />
    public int Count => _channel.Reader.Count;

    /// <inheritdoc />
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <inheritdoc />
    public bool TryWrite(in T item)
    {
        if (!_channel.Writer.TryWrite(item))
        {
            // Only a completed channel refuses outright in DropWrite mode.
            Interlocked.Increment(ref _rejected);
            return false;
        }

        if (!_droppedOnThisThread.Value)
        {
            return true;
        }

        _droppedOnThisThread.Value = false;
        return false;
    }

    /// <inheritdoc />
    public bool TryRead(out T item)
    {
        if (!_channel.Reader.TryRead(out item))
        {
            return false;
        }

        EndOverflowEpisode();
        return true;
    }

    /// <inheritdoc />
    public int Drain(Span<T> destination)
    {
        var taken = 0;
        while (taken < destination.Length && _channel.Reader.TryRead(out destination[taken]))
        {
            taken++;
        }

        if (taken > 0)
        {
            EndOverflowEpisode();
        }

        return taken;
    }

    /// <inheritdoc />
    public bool WaitToRead(CancellationToken cancellationToken = default) =>
        WaitToRead(Timeout.InfiniteTimeSpan, cancellationToken) == RingWaitResult.ItemsAvailable;

    /// <inheritdoc />
    public RingWaitResult WaitToRead(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var timeoutMilliseconds = RingTimeout.ToMilliseconds(timeout, nameof(timeout));
        cancellationToken.ThrowIfCancellationRequested();
        var reader = _channel.Reader;
        if (reader.Count > 0)
        {
            return RingWaitResult.ItemsAvailable;
        }

        if (reader.Completion.IsCompleted)
        {
            return RingWaitResult.Completed;
        }

        if (timeoutMilliseconds == 0)
        {
            return RingWaitResult.TimedOut;
        }

        // A linked source, so that a timed-out wait is cancelled and does not stay registered with the channel.
        using var waitLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeoutMilliseconds != Timeout.Infinite)
        {
            waitLimit.CancelAfter(timeoutMilliseconds);
        }

        try
        {
            var canRead = reader.WaitToReadAsync(waitLimit.Token).AsTask().GetAwaiter().GetResult();
            return canRead ? RingWaitResult.ItemsAvailable : RingWaitResult.Completed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the wait for the ring was cancelled", cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return reader.Count > 0 ? RingWaitResult.ItemsAvailable : RingWaitResult.TimedOut;
        }
    }

    /// <inheritdoc />
    public void Complete() => _channel.Writer.TryComplete();

    /// <inheritdoc />
    public void Dispose() => _droppedOnThisThread.Dispose();

    private void OnItemDropped(T item)
    {
        var total = Interlocked.Increment(ref _rejected);
        if (Volatile.Read(ref _overflowing) == 0 && Interlocked.Exchange(ref _overflowing, 1) == 0)
        {
            Overflowed?.Invoke(total);
        }

        // Last, so that a throwing handler (which escapes through TryWrite) leaves no stale flag behind.
        _droppedOnThisThread.Value = true;
    }

    private void EndOverflowEpisode()
    {
        if (Volatile.Read(ref _overflowing) != 0)
        {
            Volatile.Write(ref _overflowing, 0);
        }
    }
}
