using System.Collections.Concurrent;
using EdgeGateway.DataFlow.Tests.Uplink.Hj212;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using EdgeGateway.Testing.Storage;
using EdgeGateway.Testing.Uplink;
using EdgeGateway.Uplink.Platforms;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

/// <summary>An outbox, a fake clock and platform links over in-memory connections; disposes them all.</summary>
internal sealed class PlatformTestKit : IAsyncDisposable
{
    public const string Mn = "88888880000001";
    public const string Pw = "123456";

    /// <summary>08:00 UTC, i.e. 16:00 China Standard Time.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly List<PlatformLink> _links = [];
    private readonly List<InMemoryPlatformConnector> _connectors = [];
    private int _requests;

    public PlatformTestKit(int channels = 2)
        : this(Hj212UplinkTestData.Channels(channels))
    {
    }

    public PlatformTestKit(ChannelTable channels)
    {
        Channels = channels;
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public InMemoryOutbox Outbox { get; } = new(destinations: [OutboxDestinations.Mqtt, "hj212:p1", "hj212:p2"]);

    public DurableSequenceSignal Durability { get; } = new();

    public ChannelTable Channels { get; }

    public InMemoryIdentityStore Identities { get; } = new();

    public ConcurrentQueue<GatewayEvent> Events { get; } = new();

    public static PlatformOptions Options(string name = "p1", Hj212Edition edition = Hj212Edition.Edition2017) => new()
    {
        Name = name,
        Host = name + ".platform.test",
        Port = 8002,
        Mn = Mn,
        Pw = Pw,
        Edition = edition,
        Uploads = PlatformUploads.Minute | PlatformUploads.Hour | PlatformUploads.Day,
        OverTime = TimeSpan.FromSeconds(5),
        ReCount = 3,
    };

    public PlatformLink StartLink(PlatformOptions options, InMemoryPlatformConnector connector, IPlatformDeviceCommands? devices = null) =>
        StartLink(options, connector, Dependencies(connector, devices));

    public PlatformLink StartLink(PlatformOptions options, InMemoryPlatformConnector connector, PlatformLinkDependencies dependencies)
    {
        var link = new PlatformLink(options, dependencies);
        _links.Add(link);
        _connectors.Add(connector);
        link.Start();
        return link;
    }

    public PlatformLinkDependencies Dependencies(IPlatformConnector connector, IPlatformDeviceCommands? devices = null) => new(
        Outbox, Durability, Channels, devices, connector, Identities, Time, NullLogger.Instance, Start.AddMinutes(-5), Events.Enqueue);

    /// <summary>The minute window starting <paramref name="minute"/> minutes after <see cref="Start"/>, one record per channel.</summary>
    public void AppendMinute(int minute) => AppendRecords(AggregatePeriod.Minute, Start.AddMinutes(minute));

    public void AppendRecords(AggregatePeriod period, DateTimeOffset startUtc)
    {
        var records = Enumerable.Range(0, Channels.Count)
            .Select(channel => SampleMinuteRecords.Of(channel, startUtc) with { Period = period })
            .ToArray();
        Outbox.Append([], records, []);
        Durability.Advance(Outbox.DurableSequence);
    }

    /// <summary>One poll of every channel at <paramref name="time"/>.</summary>
    public void AppendPoll(DateTimeOffset time)
    {
        var readings = Enumerable.Range(0, Channels.Count)
            .Select(channel => new Reading(channel, time.UtcTicks, 10 + channel, 10 + channel, DataFlag.N, FlagReason.None))
            .ToArray();
        Outbox.Append(readings, [], []);
        Durability.Advance(Outbox.DurableSequence);
    }

    public void AppendEvent()
    {
        Outbox.Append([], [], [new GatewayEvent(Start, GatewayEventKind.Door, "door", "cabinet door opened")]);
        Durability.Advance(Outbox.DurableSequence);
    }

    /// <summary>A host request as a platform sends it (Flag 5: 2017, reply wanted).</summary>
    public Hj212Packet Request(string cn, string cp = "", string pw = Pw, string mn = Mn, string st = "32")
    {
        Assert.True(Hj212DataArea.TryParse(cp, out var area, out var error), error);
        return new Hj212Packet
        {
            // The platform's clock is not the gateway's: an hour behind, so its QNs never equal the gateway's in a test.
            Qn = Hj212Time.FormatQn(Time.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).DateTime.AddMilliseconds(Interlocked.Increment(ref _requests))),
            St = st,
            Cn = cn,
            Pw = pw,
            Mn = mn,
            Flag = Hj212Flag.Create(Hj212Edition.Edition2017, acknowledgementRequired: true),
            Cp = area,
        };
    }

    /// <summary>Advances the fake clock by <paramref name="step"/> until <paramref name="condition"/> holds (a generous real-time deadline).</summary>
    public async Task AdvanceUntilAsync(Func<bool> condition, TimeSpan step, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Not reached in time: " + what);
            }

            Time.Advance(step);
            await Task.Delay(10);
        }
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Not reached in time: " + what);
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var link in _links)
        {
            await link.DisposeAsync();
        }

        foreach (var connector in _connectors.Distinct())
        {
            await connector.DisposeAllAsync();
        }

        Outbox.Dispose();
    }
}
