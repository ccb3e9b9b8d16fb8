using EdgeGateway.Uplink.Mqtt;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.DataFlow.Tests.Uplink.Mqtt;

/// <summary>A connection for <see cref="MqttKeepAlive"/> on a fake clock: counts its wakes (reads of the last send) and pings.</summary>
internal sealed class FakeKeepAlivePeer(FakeTimeProvider time) : IMqttKeepAlivePeer
{
    private long _lastPacketSent = time.GetTimestamp();
    private int _reads;
    private int _pings;
    private volatile bool _connected = true;

    /// <summary>What a ping does: answered at once (the default), never answered, or failing.</summary>
    public FakePingAnswer Answer { get; set; } = FakePingAnswer.Answered;

    /// <summary>How often the keep-alive looked at the last send: once per wake.</summary>
    public int Reads => Volatile.Read(ref _reads);

    public int Pings => Volatile.Read(ref _pings);

    public long LastPacketSentTimestamp
    {
        get
        {
            Interlocked.Increment(ref _reads);
            return Volatile.Read(ref _lastPacketSent);
        }
    }

    public bool IsConnected
    {
        get => _connected;
        set => _connected = value;
    }

    /// <summary>A publish or any other packet went out now.</summary>
    public void Send() => Volatile.Write(ref _lastPacketSent, time.GetTimestamp());

    public Task PingAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _pings);
        Send();
        return Answer switch
        {
            FakePingAnswer.Answered => Task.CompletedTask,
            FakePingAnswer.Unanswered => Task.Delay(Timeout.Infinite, cancellationToken),
            _ => Task.FromException(new IOException("Connection reset by peer")),
        };
    }

    public Task AbortAsync()
    {
        _connected = false;
        return Task.CompletedTask;
    }
}
