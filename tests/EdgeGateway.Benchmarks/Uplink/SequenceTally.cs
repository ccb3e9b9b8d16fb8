using System.Globalization;

namespace EdgeGateway.Benchmarks.Uplink;

/// <summary>Which outbox sequences the platform side has seen, how many distinct and how many again.</summary>
internal sealed class SequenceTally
{
    private readonly Lock _gate = new();
    private byte[] _seen = new byte[1 << 20];
    private long _distinct;
    private long _duplicates;
    private long _messages;
    private long _highest;

    public (long Distinct, long Duplicates, long Messages, long Highest) Snapshot
    {
        get
        {
            lock (_gate)
            {
                return (_distinct, _duplicates, _messages, _highest);
            }
        }
    }

    /// <summary>A message carrying exactly <paramref name="first"/>..<paramref name="last"/> arrived.</summary>
    public void Add(long first, long last)
    {
        lock (_gate)
        {
            _messages++;
            if (last >= _seen.Length)
            {
                Array.Resize(ref _seen, (int)Math.Max(last + 1, _seen.Length * 2L));
            }

            for (var sequence = first; sequence <= last; sequence++)
            {
                if (_seen[sequence] == 0)
                {
                    _distinct++;
                    _seen[sequence] = 1;
                }
                else
                {
                    _duplicates++;
                }
            }

            _highest = Math.Max(_highest, last);
        }
    }

    /// <summary>The sequences in 1..<paramref name="last"/> never seen: their count and the first few ranges.</summary>
    public (long Count, string FirstRanges) Missing(long last)
    {
        lock (_gate)
        {
            long count = 0;
            var ranges = new List<string>();
            long? open = null;
            for (long sequence = 1; sequence <= last + 1; sequence++)
            {
                var missing = sequence <= last && (sequence >= _seen.Length || _seen[sequence] == 0);
                if (missing)
                {
                    count++;
                    open ??= sequence;
                }
                else if (open is { } start)
                {
                    if (ranges.Count < 10)
                    {
                        ranges.Add(start == sequence - 1 ? start.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{start}-{sequence - 1}"));
                    }

                    open = null;
                }
            }

            return (count, ranges.Count == 0 ? "-" : string.Join(',', ranges));
        }
    }
}
