using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Crypto;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

/// <summary>
/// The platform's end of one in-memory connection: records every frame the gateway sends (each must decode) and,
/// while <see cref="AnswerUploads"/> is on, answers packets that ask for it (9014; 9013 for a 9015 heartbeat).
/// </summary>
internal sealed class FakePlatformHost : IAsyncDisposable
{
    private readonly InMemoryConnection _connection;
    private readonly Lock _gate = new();
    private readonly List<ReceivedFrame> _received = [];
    private readonly List<string> _badFrames = [];
    private readonly Task _reading;
    private volatile bool _answerUploads;

    public FakePlatformHost(InMemoryConnection connection, bool answerUploads)
    {
        _connection = connection;
        _answerUploads = answerUploads;
        _reading = Task.Run(ReadAsync);
    }

    public bool AnswerUploads
    {
        get => _answerUploads;
        set => _answerUploads = value;
    }

    public bool Closed { get; private set; }

    /// <summary>The platform's SM4 key (HJ 212-2025): frames are decrypted with it before they are decoded; null: plain text.</summary>
    public Hj212CpCipher? Cipher { get; set; }

    public IReadOnlyList<ReceivedFrame> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Frames that did not decode; a conforming gateway sends none.</summary>
    public IReadOnlyList<string> BadFrames
    {
        get
        {
            lock (_gate)
            {
                return [.. _badFrames];
            }
        }
    }

    public IReadOnlyList<ReceivedFrame> ReceivedWith(string cn) => Received.Where(frame => frame.Cn == cn).ToList();

    public Task SendAsync(Hj212Packet packet) => SendRawAsync(Hj212FrameEncoder.EncodeToUtf8(packet));

    public Task SendRawAsync(byte[] bytes) => _connection.SendAsync(bytes, CancellationToken.None).AsTask();

    /// <summary>Answers <paramref name="packet"/> with 9014 echoing its QN.</summary>
    public Task AnswerAsync(Hj212Packet packet) => SendAsync(Hj212Replies.DataAnswer(packet, packet.Flag?.Edition ?? Hj212Edition.Edition2017));

    public async Task<IReadOnlyList<ReceivedFrame>> WaitForAsync(Func<IReadOnlyList<ReceivedFrame>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var received = Received;
            if (condition(received))
            {
                return received;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The platform did not receive {what}; it has: {string.Join(" | ", received.Select(frame => frame.Segment))}");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _reading;
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        while (true)
        {
            var read = await _connection.ReceiveAsync(buffer.AsMemory(filled), CancellationToken.None);
            if (read == 0)
            {
                Closed = true;
                return;
            }

            filled += read;
            var consumed = 0;
            while (true)
            {
                var search = Hj212StreamFramer.Find(buffer.AsSpan(consumed, filled - consumed));
                if (!search.Found)
                {
                    consumed += search.SkipBytes;
                    break;
                }

                await OnFrameAsync(buffer.AsSpan(consumed + search.SkipBytes, search.FrameLength).ToArray());
                consumed += search.ConsumedBytes;
            }

            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
        }
    }

    private async Task OnFrameAsync(byte[] frame)
    {
        var result = Cipher is { } cipher ? cipher.Decode(frame) : Hj212FrameDecoder.Decode(frame);
        if (!result.IsSuccess)
        {
            lock (_gate)
            {
                _badFrames.Add(result.Reason);
            }

            return;
        }

        var packet = result.Packet;
        lock (_gate)
        {
            _received.Add(new ReceivedFrame(packet, result.DataSegment!, frame));
        }

        if (_answerUploads && packet.Flag is { AcknowledgementRequired: true } flag)
        {
            var answer = packet.Cn == "9015"
                ? Hj212Replies.NotificationAnswer(packet, flag.Edition)
                : Hj212Replies.DataAnswer(packet, flag.Edition);
            try
            {
                await SendAsync(answer);
            }
            catch (IOException)
            {
                // The gateway closed the connection meanwhile.
            }
        }
    }
}
