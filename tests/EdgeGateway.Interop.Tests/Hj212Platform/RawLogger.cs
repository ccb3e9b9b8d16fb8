using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Interop.Tests.Hj212Platform;

/// <summary>
/// A data logger played by hand over a plain TCP socket: writes whatever bytes a test gives it and reads the
/// platform's frames back, so the platform simulator is tried against the wire and nothing of ours on the other end.
/// </summary>
internal sealed class RawLogger : IDisposable
{
    private static readonly TimeSpan ReadWait = TimeSpan.FromSeconds(10);

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[65536];
    private int _count;

    private RawLogger(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawLogger> ConnectAsync(IPEndPoint platform)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(platform, TestContext.Current.CancellationToken);
        return new RawLogger(client);
    }

    public Task SendAsync(Hj212Packet packet) => WriteAsync(Hj212FrameEncoder.EncodeToUtf8(packet));

    public Task WriteAsync(string text) => WriteAsync(Encoding.UTF8.GetBytes(text));

    public async Task WriteAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes, TestContext.Current.CancellationToken);
        await _stream.FlushAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The next frame from the platform, decoded; fails the test when none comes or it does not decode.</summary>
    public async Task<Hj212Packet> ReadPacketAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(ReadWait);
        while (true)
        {
            var search = Hj212StreamFramer.Find(_buffer.AsSpan(0, _count));
            if (search.Found)
            {
                var frame = _buffer.AsSpan(search.SkipBytes, search.FrameLength).ToArray();
                _buffer.AsSpan(search.ConsumedBytes, _count - search.ConsumedBytes).CopyTo(_buffer);
                _count -= search.ConsumedBytes;
                Assert.Equal(0, search.SkipBytes);
                var decoded = Hj212FrameDecoder.Decode(frame);
                Assert.True(decoded.IsSuccess, $"the platform sent a frame that does not decode: {decoded.Reason}");
                return decoded.Packet;
            }

            int read;
            try
            {
                read = await _stream.ReadAsync(_buffer.AsMemory(_count), timeout.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"the platform sent no frame within {ReadWait.TotalSeconds} s");
                throw;
            }

            Assert.True(read > 0, "the platform closed the connection");
            _count += read;
        }
    }

    /// <summary>True when the platform closed the connection (reads return 0) within the wait; frames before that are dropped.</summary>
    public async Task<bool> IsClosedByPlatformAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(ReadWait);
        try
        {
            while (await _stream.ReadAsync(_buffer, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }
}
