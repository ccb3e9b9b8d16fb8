using System.Diagnostics;
using System.Globalization;
using EdgeGateway.Benchmarks.Bench;

namespace EdgeGateway.Benchmarks.Uplink;

/// <summary>The bench's handle on a <see cref="SequenceCounterChild"/> process: its progress, its CPU and its final count.</summary>
internal sealed class CountingSubscriber : IDisposable
{
    private readonly Process _process;
    private readonly Thread _reader;
    private readonly TaskCompletionSource<string> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _distinct;
    private long _liveMessages;
    private long _maxLiveAgeMs;
    private long _liveLate;

    private CountingSubscriber(Process process)
    {
        _process = process;
        _reader = new Thread(ReadProgress) { IsBackground = true, Name = "subscriber progress" };
        _reader.Start();
    }

    public int ProcessId => _process.Id;

    /// <summary>Distinct sequences seen, as of the last progress line (at most 100 ms old).</summary>
    public long Distinct => Interlocked.Read(ref _distinct);

    /// <summary>Live readings messages seen (only when started with <c>liveAfter</c>), as of the last progress line.</summary>
    public long LiveMessages => Interlocked.Read(ref _liveMessages);

    /// <summary>The oldest a live reading was on arrival, in milliseconds, as of the last progress line.</summary>
    public long MaxLiveAgeMs => Interlocked.Read(ref _maxLiveAgeMs);

    /// <summary>Live messages older than <see cref="SequenceCounterChild.LateMs"/> on arrival, as of the last progress line.</summary>
    public long LiveLate => Interlocked.Read(ref _liveLate);

    /// <param name="liveAfter">Readings stamped at or after it are live, and their age on arrival is measured.</param>
    public static CountingSubscriber Start(int port, string topicFilter, DateTimeOffset? liveAfter = null)
    {
        List<string> arguments = ["count-sequences", port.ToString(CultureInfo.InvariantCulture), topicFilter];
        if (liveAfter is { } after)
        {
            arguments.Add(after.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        }

        var process = Process.Start(SelfCommand.StartInfo(arguments)) ?? throw new InvalidOperationException("the subscriber did not start");
        var ready = process.StandardOutput.ReadLine();
        if (ready != "READY")
        {
            process.Kill();
            throw new InvalidOperationException($"the subscriber did not get ready: {ready}");
        }

        return new CountingSubscriber(process);
    }

    /// <summary>Waits until <paramref name="count"/> distinct sequences were seen; false after <paramref name="timeout"/>.</summary>
    public bool WaitForDistinct(long count, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (Distinct < count)
        {
            if (waited.Elapsed > timeout || _process.HasExited)
            {
                return false;
            }

            Thread.Sleep(10);
        }

        return true;
    }

    /// <summary>Stops the subscriber and returns its tally of 1..<paramref name="lastSequence"/>.</summary>
    public SubscriberReport Stop(long lastSequence)
    {
        _process.StandardInput.WriteLine(string.Create(CultureInfo.InvariantCulture, $"STOP {lastSequence}"));
        _process.StandardInput.Flush();
        var parts = _final.Task.WaitAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult().Split(' ');
        _process.WaitForExit();
        return new SubscriberReport(
            long.Parse(parts[1], CultureInfo.InvariantCulture),
            long.Parse(parts[2], CultureInfo.InvariantCulture),
            long.Parse(parts[3], CultureInfo.InvariantCulture),
            long.Parse(parts[4], CultureInfo.InvariantCulture),
            parts[5]);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void ReadProgress()
    {
        string? line;
        while ((line = _process.StandardOutput.ReadLine()) is not null)
        {
            if (line.StartsWith("SEEN ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Interlocked.Exchange(ref _distinct, long.Parse(parts[1], CultureInfo.InvariantCulture));
                if (parts.Length > 7)
                {
                    Interlocked.Exchange(ref _liveMessages, long.Parse(parts[5], CultureInfo.InvariantCulture));
                    Interlocked.Exchange(ref _maxLiveAgeMs, long.Parse(parts[6], CultureInfo.InvariantCulture));
                    Interlocked.Exchange(ref _liveLate, long.Parse(parts[7], CultureInfo.InvariantCulture));
                }
            }
            else if (line.StartsWith("FINAL ", StringComparison.Ordinal))
            {
                _final.TrySetResult(line);
            }
        }

        _final.TrySetException(new InvalidOperationException("the subscriber ended without a final count"));
    }
}
