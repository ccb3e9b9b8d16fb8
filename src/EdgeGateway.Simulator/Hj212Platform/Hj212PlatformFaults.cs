namespace EdgeGateway.Simulator.Hj212Platform;

/// <summary>
/// Faults the platform simulator injects into its replies (9013/9014), changeable while it runs so a test can
/// break the link at a chosen moment: drop replies (all, the next N, or those to some CNs), delay them, or answer
/// with a QN the logger never sent. Thread-safe. Host commands are never affected; closing connections and
/// refusing new ones are <see cref="Hj212PlatformSimulator"/>'s methods.
/// </summary>
public sealed class Hj212PlatformFaults
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _droppedCns = new(StringComparer.Ordinal);
    private bool _noReplies;
    private int _dropNext;
    private int _wrongQnNext;
    private TimeSpan _replyDelay;
    private long _dropped;

    /// <summary>True: no reply is sent at all, as from a platform that takes data but never answers.</summary>
    public bool NoReplies
    {
        get
        {
            lock (_gate)
            {
                return _noReplies;
            }
        }

        set
        {
            lock (_gate)
            {
                _noReplies = value;
            }
        }
    }

    /// <summary>How long each reply waits before it is sent; zero by default. Reading goes on meanwhile.</summary>
    public TimeSpan ReplyDelay
    {
        get
        {
            lock (_gate)
            {
                return _replyDelay;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            lock (_gate)
            {
                _replyDelay = value;
            }
        }
    }

    /// <summary>Replies dropped so far, for whatever reason.</summary>
    public long RepliesDropped
    {
        get
        {
            lock (_gate)
            {
                return _dropped;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> replies are not sent (added to any still pending).</summary>
    public void DropNextReplies(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            _dropNext += count;
        }
    }

    /// <summary>Replies to packets with CN <paramref name="cn"/> are not sent until <see cref="AnswerRepliesTo"/> or <see cref="Reset"/>.</summary>
    public void DropRepliesTo(string cn)
    {
        ArgumentException.ThrowIfNullOrEmpty(cn);
        lock (_gate)
        {
            _droppedCns.Add(cn);
        }
    }

    /// <summary>Undoes <see cref="DropRepliesTo"/> for <paramref name="cn"/>.</summary>
    public void AnswerRepliesTo(string cn)
    {
        ArgumentException.ThrowIfNullOrEmpty(cn);
        lock (_gate)
        {
            _droppedCns.Remove(cn);
        }
    }

    /// <summary>The next <paramref name="count"/> replies carry a QN other than the one they answer.</summary>
    public void AnswerWithWrongQn(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            _wrongQnNext += count;
        }
    }

    /// <summary>No faults any more.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _noReplies = false;
            _dropNext = 0;
            _wrongQnNext = 0;
            _replyDelay = TimeSpan.Zero;
            _droppedCns.Clear();
        }
    }

    /// <summary>What happens to the reply to a packet with CN <paramref name="cn"/>; counts it when dropped.</summary>
    internal Hj212ReplyFate Decide(string cn)
    {
        lock (_gate)
        {
            if (_noReplies || _droppedCns.Contains(cn))
            {
                _dropped++;
                return new Hj212ReplyFate(Drop: true, WrongQn: false, _replyDelay);
            }

            if (_dropNext > 0)
            {
                _dropNext--;
                _dropped++;
                return new Hj212ReplyFate(Drop: true, WrongQn: false, _replyDelay);
            }

            var wrongQn = _wrongQnNext > 0;
            if (wrongQn)
            {
                _wrongQnNext--;
            }

            return new Hj212ReplyFate(Drop: false, wrongQn, _replyDelay);
        }
    }
}
