using System.Globalization;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using EdgeGateway.Uplink.Hj212;
using Xunit;

namespace EdgeGateway.DataFlow.Tests.Uplink.Hj212;

internal static class Hj212UplinkTestData
{
    /// <summary>08:00 UTC, i.e. 16:00 China Standard Time.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public const string StartInCst = "20260301160000";

    public static Hj212UplinkOptions Options => new()
    {
        Mn = "88888880000001",
        Pw = "123456",
        SystemCode = "31",
        SystemCodeByOutlet = new Dictionary<string, string> { ["WS001"] = "32" },
        DecimalsByFactor = new Dictionary<string, int> { ["a21026"] = 1 },
        AcknowledgementRequired = true,
    };

    public static ChannelTable Channels(int count) => new(
        Enumerable.Range(0, count).Select(index => new ChannelDefinition(
            index,
            "cems",
            "ch" + index.ToString(CultureInfo.InvariantCulture),
            index switch
            {
                0 => "a21026",
                1 => "a21002",
                2 => "a19001",
                _ => "a9" + index.ToString("D4", CultureInfo.InvariantCulture),
            },
            "mg/m³",
            null)));

    public static OutboxReading Reading(long sequence, int channel, double value, DataFlag flag = DataFlag.N, DateTimeOffset? time = null) =>
        new(sequence, new Reading(channel, (time ?? Start).UtcTicks, value, value, flag, flag == DataFlag.N ? FlagReason.None : FlagReason.NoAnswer));

    public static AggregateRecord Record(AggregatePeriod period, int channel, string outlet = "DA001", double cou = double.NaN) => new()
    {
        Outlet = outlet,
        Channel = channel,
        Period = period,
        StartUtc = Start,
        StartLocal = Start.ToOffset(TimeSpan.FromHours(8)),
        Length = period switch
        {
            AggregatePeriod.Minute => TimeSpan.FromMinutes(1),
            AggregatePeriod.Hour => TimeSpan.FromHours(1),
            _ => TimeSpan.FromDays(1),
        },
        Min = 1,
        Avg = 2.5,
        Max = 3,
        ZsMin = double.NaN,
        ZsAvg = double.NaN,
        ZsMax = double.NaN,
        Cou = cou,
        IsValid = true,
        Flag = DataFlag.N,
        ExpectedCount = 60,
        Counts = new FlagCounts(60, 0, 0, 0, 0, 0, 0, 0),
        ValidCount = 60,
    };

    public static OutboxEvent Event(long sequence) =>
        new(sequence, new GatewayEvent(Start, GatewayEventKind.Door, "door", "cabinet door opened", null));

    /// <summary>Decodes every CR LF-terminated frame of a payload, asserting each is valid.</summary>
    public static IReadOnlyList<Hj212DecodeResult> DecodeFrames(byte[] payload)
    {
        var results = new List<Hj212DecodeResult>();
        var rest = payload.AsSpan();
        while (rest.Length > 0)
        {
            var end = rest.IndexOf("\r\n"u8);
            Assert.True(end > 0, "every frame ends in CR LF");
            var result = Hj212FrameDecoder.Decode(rest[..(end + 2)]);
            Assert.True(result.IsSuccess, result.Reason);
            Assert.Equal(result.DeclaredLength, result.DataSegmentByteCount);
            Assert.Equal(result.CrcComputed!.Value.ToString("X4", CultureInfo.InvariantCulture), result.CrcFound, ignoreCase: true);
            results.Add(result);
            rest = rest[(end + 2)..];
        }

        return results;
    }

    public static Hj212Packet SinglePacket(byte[] payload) => Assert.Single(DecodeFrames(payload)).Packet!;
}
