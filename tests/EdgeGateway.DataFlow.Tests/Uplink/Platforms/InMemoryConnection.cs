using System.Threading.Channels;
using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

/// <summary>One end of an in-memory byte pipe; disposing either end closes both directions (as a TCP close would).</summary>
internal sealed class InMemoryConnection : IPlatformConnection
{
    private readonly Channel<byte[]> _incoming;
    private readonly Channel<byte[]> _outgoing;
    private byte[]? _pending;
    private int _offset;

    private InMemoryConnection(Channel<byte[]> incoming, Channel<byte[]> outgoing, string remoteAddress)
    {
        _incoming = incoming;
        _outgoing = outgoing;
        RemoteAddress = remoteAddress;
    }

    public string RemoteAddress { get; }

    public static (InMemoryConnection Gateway, InMemoryConnection Host) Pair(string address)
    {
        var toHost = Channel.CreateUnbounded<byte[]>();
        var toGateway = Channel.CreateUnbounded<byte[]>();
        return (new InMemoryConnection(toGateway, toHost, address), new InMemoryConnection(toHost, toGateway, "gateway"));
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_outgoing.Writer.TryWrite(bytes.ToArray()))
        {
            throw new IOException("the connection is closed");
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_pending is null)
        {
            if (!await _incoming.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) || !_incoming.Reader.TryRead(out _pending))
            {
                return 0;
            }

            _offset = 0;
        }

        var count = Math.Min(buffer.Length, _pending.Length - _offset);
        _pending.AsMemory(_offset, count).CopyTo(buffer);
        _offset += count;
        if (_offset == _pending.Length)
        {
            _pending = null;
        }

        return count;
    }

    public ValueTask DisposeAsync()
    {
        _outgoing.Writer.TryComplete();
        _incoming.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
