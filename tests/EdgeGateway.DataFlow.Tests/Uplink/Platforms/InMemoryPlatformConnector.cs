using System.Threading.Channels;
using EdgeGateway.Hj212.Crypto;
using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

/// <summary>Dials a <see cref="FakePlatformHost"/> in memory; <see cref="IsUp"/> off refuses the dial as a platform that is down would.</summary>
internal sealed class InMemoryPlatformConnector : IPlatformConnector
{
    private readonly Channel<FakePlatformHost> _hosts = Channel.CreateUnbounded<FakePlatformHost>();
    private readonly List<FakePlatformHost> _all = [];
    private int _dials;
    private volatile bool _isUp = true;
    private volatile bool _answerUploads = true;

    public bool IsUp
    {
        get => _isUp;
        set => _isUp = value;
    }

    /// <summary>Whether hosts dialled from now on answer uploads.</summary>
    public bool AnswerUploads
    {
        get => _answerUploads;
        set => _answerUploads = value;
    }

    /// <summary>The cipher hosts dialled from now on decrypt with (HJ 212-2025 encryption); null: none.</summary>
    public Hj212CpCipher? Cipher { get; set; }

    public int Dials => Volatile.Read(ref _dials);

    public string? DialledAddress { get; private set; }

    public ValueTask<IPlatformConnection> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _dials);
        DialledAddress = $"{host}:{port}";
        if (!_isUp)
        {
            throw new IOException("connection refused");
        }

        var (gateway, platform) = InMemoryConnection.Pair($"tcp://{host}:{port}");
        var fake = new FakePlatformHost(platform, _answerUploads) { Cipher = Cipher };
        lock (_all)
        {
            _all.Add(fake);
        }

        _hosts.Writer.TryWrite(fake);
        return ValueTask.FromResult<IPlatformConnection>(gateway);
    }

    /// <summary>The platform end of the next connection the gateway opens.</summary>
    public async Task<FakePlatformHost> NextHostAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await _hosts.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAllAsync()
    {
        List<FakePlatformHost> all;
        lock (_all)
        {
            all = [.. _all];
        }

        foreach (var host in all)
        {
            await host.DisposeAsync();
        }
    }
}
