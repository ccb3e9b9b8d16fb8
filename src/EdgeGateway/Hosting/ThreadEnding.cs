using System.Diagnostics;

namespace EdgeGateway.Hosting;

/// <summary>
/// A dedicated thread whose end a stop awaits: the thread completes a signal on its way out, and the stop awaits that
/// signal within a limit measured on the monotonic stopwatch.
/// </summary>
/// <remarks>
/// The stop used to block in <see cref="Thread.Join(TimeSpan)"/>, holding a thread-pool thread for as long as the
/// thread took to end; with the bus and pipeline stops each holding one, the rest of the stop waited for the pool to
/// inject threads (one per ~500 ms): 0.6-0.8 s stops under load (issue 18). Awaiting holds no thread.
/// </remarks>
internal sealed class ThreadEnding
{
    private readonly Thread _thread;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A background thread named <paramref name="name"/> that runs <paramref name="body"/>; not started yet.</summary>
    public ThreadEnding(string name, Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        _thread = new Thread(() =>
        {
            try
            {
                body();
            }
            finally
            {
                _ended.TrySetResult();
            }
        })
        { IsBackground = true, Name = name };
    }

    /// <summary>Whether the thread runs.</summary>
    public bool IsAlive => _thread.IsAlive;

    public void Start() => _thread.Start();

    /// <summary>
    /// True once the thread has ended, false when it still runs after <paramref name="limit"/>. A timed wait may end
    /// before its time: under libfaketime with an unfaked monotonic clock every timed wait returned at once (field
    /// trial, issue 15), and the stop then went on beside a consumer that was still writing. So the limit is measured
    /// here, and the wait repeated until it has passed.
    /// </summary>
    public async Task<bool> WaitForEndAsync(TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (!_ended.Task.IsCompleted)
        {
            var left = limit - waited.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            try
            {
                await _ended.Task.WaitAsync(left).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // An early timeout without the thread ending: pause once so a broken timed wait does not spin a core.
                await Task.Delay(1).ConfigureAwait(false);
            }
        }

        return true;
    }
}
