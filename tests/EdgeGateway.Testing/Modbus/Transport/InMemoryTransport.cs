using System.Diagnostics;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Testing.Modbus.Transport;

/// <summary>
/// One end of an <see cref="InMemoryTransportPair"/>: a fast, deterministic stand-in for a serial line or a socket
/// in unit tests, with a way to simulate an unplugged cable (<see cref="Disconnect"/>) and a port that will not
/// open (<see cref="OpenFailure"/>).
/// </summary>
public sealed class InMemoryTransport : IModbusTransport
{
    private readonly InMemoryTransportPair _pair;
    private readonly Queue<byte> _received = new();
    private bool _isOpen = true;
    private bool _hungUp;
    private string? _openFailure;
    private int _openCount;

    internal InMemoryTransport(InMemoryTransportPair pair, string endpoint)
    {
        _pair = pair;
        Endpoint = endpoint;
    }

    /// <inheritdoc/>
    public string Endpoint { get; }

    /// <inheritdoc/>
    public bool IsOpen
    {
        get
        {
            lock (_pair.Gate)
            {
                return _isOpen;
            }
        }
    }

    /// <summary>How many times <see cref="Open"/> succeeded: lets a test see that its owner reopened after a hang-up.</summary>
    public int OpenCount
    {
        get
        {
            lock (_pair.Gate)
            {
                return _openCount;
            }
        }
    }

    /// <summary>Bytes received and not yet read.</summary>
    public int BytesAvailable
    {
        get
        {
            lock (_pair.Gate)
            {
                return _received.Count;
            }
        }
    }

    /// <summary>When set, <see cref="Open"/> throws a <see cref="ModbusTransportException"/> with this message (a port that is gone).</summary>
    public string? OpenFailure
    {
        get
        {
            lock (_pair.Gate)
            {
                return _openFailure;
            }
        }

        set
        {
            lock (_pair.Gate)
            {
                _openFailure = value;
            }
        }
    }

    /// <inheritdoc/>
    public void Open()
    {
        lock (_pair.Gate)
        {
            if (_openFailure is not null)
            {
                throw new ModbusTransportException(_openFailure);
            }

            if (!_isOpen)
            {
                _received.Clear();
            }

            _isOpen = true;
            _hungUp = false;
            _openCount++;
        }
    }

    /// <inheritdoc/>
    public void Close()
    {
        lock (_pair.Gate)
        {
            CloseLocked();
            Monitor.PulseAll(_pair.Gate);
        }
    }

    /// <summary>
    /// Simulates a pulled cable: this end closes, and the other end's next (or current, blocked) Read or Write throws
    /// <see cref="ModbusTransportException"/> and leaves it closed. Either end can reopen afterwards.
    /// </summary>
    public void Disconnect()
    {
        lock (_pair.Gate)
        {
            CloseLocked();
            InMemoryTransport peer = _pair.PeerOf(this);
            if (peer._isOpen)
            {
                peer._hungUp = true;
            }

            Monitor.PulseAll(_pair.Gate);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Bytes reach the other end only while it is open; like a bus with nobody listening, they are lost otherwise.</remarks>
    public void Write(ReadOnlySpan<byte> data)
    {
        lock (_pair.Gate)
        {
            ThrowIfUnusable();
            InMemoryTransport peer = _pair.PeerOf(this);
            if (peer._isOpen && !peer._hungUp)
            {
                foreach (byte value in data)
                {
                    peer._received.Enqueue(value);
                }

                Monitor.PulseAll(_pair.Gate);
            }
        }
    }

    /// <inheritdoc/>
    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must not be negative.");
        }

        long startTimestamp = Stopwatch.GetTimestamp();
        lock (_pair.Gate)
        {
            while (true)
            {
                ThrowIfUnusable();
                if (_received.Count > 0 || buffer.IsEmpty)
                {
                    int count = Math.Min(buffer.Length, _received.Count);
                    for (int index = 0; index < count; index++)
                    {
                        buffer[index] = _received.Dequeue();
                    }

                    return count;
                }

                if (timeout == Timeout.InfiniteTimeSpan)
                {
                    Monitor.Wait(_pair.Gate);
                    continue;
                }

                TimeSpan remaining = timeout - Stopwatch.GetElapsedTime(startTimestamp);
                if (remaining <= TimeSpan.Zero)
                {
                    return 0;
                }

                // Monitor.Wait counts whole milliseconds; round up so a 1.75 ms wait is not cut to 1 ms and returned early.
                Monitor.Wait(_pair.Gate, (int)Math.Ceiling(remaining.TotalMilliseconds));
            }
        }
    }

    /// <inheritdoc/>
    public int DiscardInput()
    {
        lock (_pair.Gate)
        {
            ThrowIfUnusable();
            int dropped = _received.Count;
            _received.Clear();
            return dropped;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Close();

    public override string ToString() => Endpoint;

    private void CloseLocked()
    {
        _isOpen = false;
        _hungUp = false;
        _received.Clear();
    }

    private void ThrowIfUnusable()
    {
        if (_hungUp)
        {
            CloseLocked();
            throw new ModbusTransportException($"{Endpoint}: hung up (the other end disconnected)");
        }

        if (!_isOpen)
        {
            throw new ModbusTransportException($"{Endpoint}: not open");
        }
    }
}
