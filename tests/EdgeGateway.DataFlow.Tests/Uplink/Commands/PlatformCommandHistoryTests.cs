using System.Text.Json;
using EdgeGateway.DataFlow.Tests.Storage;
using EdgeGateway.DataFlow.Tests.Uplink.Hj212;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Commands;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using EdgeGateway.Testing.Uplink;
using EdgeGateway.Uplink.Commands;
using EdgeGateway.Uplink.Hj212;

namespace EdgeGateway.DataFlow.Tests.Uplink.Commands;

/// <summary>The history command: the reply at once, the re-send in the background with the original sequence numbers.</summary>
public sealed class PlatformCommandHistoryTests
{
    private static readonly DateTimeOffset Start = UplinkTestData.Start;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Minute_history_is_accepted_at_once_and_re_sent_with_the_original_sequences_marked_resent()
    {
        await using var gateway = new CommandTestGateway();
        var minutes = AppendWindows(gateway.Outbox, AggregatePeriod.Minute, TimeSpan.FromMinutes(1), windows: 3);

        var reply = await gateway.SendAsync("history", """{"id":"h1","period":"minute","begin":"2026-03-01T08:00:00Z","end":"2026-03-01T08:02:00Z"}""");
        await gateway.Handler.HistoryJob.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.True(reply.Ok, reply.Text);
        Assert.Equal("h1", reply.Id?.GetString());
        var result = reply.Result;
        Assert.True(result.GetProperty("accepted").GetBoolean());
        Assert.Equal("minute", result.GetProperty("period").GetString());
        Assert.Equal("2026-03-01T08:00:00.000Z", result.GetProperty("begin").GetString());
        Assert.Equal("2026-03-01T08:02:00.000Z", result.GetProperty("end").GetString());
        Assert.Equal(4, result.GetProperty("records").GetInt32());
        Assert.False(result.GetProperty("truncated").GetBoolean());
        Assert.False(result.TryGetProperty("nextBegin", out _));
        var expected = minutes.Take(4).ToArray();
        Assert.Equal(expected[0], result.GetProperty("firstSequence").GetInt64());
        Assert.Equal(expected[^1], result.GetProperty("lastSequence").GetInt64());

        // A window's two records are consecutive, so they go in one message of the batch form.
        var published = gateway.Publisher.Published;
        Assert.Equal(expected, published.SelectMany(message => AggregateRecords.Of(message.Payload)).Select(record => record.GetProperty("sequence").GetInt64()));
        Assert.All(published, message =>
        {
            Assert.Equal("aggregates/minute", message.TopicSuffix);
            using var document = JsonDocument.Parse(message.Payload);
            Assert.True(document.RootElement.GetProperty("resent").GetBoolean());
            Assert.Equal(gateway.Outbox.StoreId.ToString("D"), document.RootElement.GetProperty("storeId").GetString());
            var records = AggregateRecords.Of(document.RootElement);
            Assert.Equal(message.FirstSequence, records[0].GetProperty("sequence").GetInt64());
            Assert.Equal(message.LastSequence, records[^1].GetProperty("sequence").GetInt64());
        });
        Assert.Equal(published.Count, gateway.Handler.Statistics.HistoryMessagesSent);
        Assert.False(gateway.Handler.Statistics.HistoryRunning);
    }

    [Fact]
    public async Task An_hj212_cn_with_begin_and_end_time_in_site_time_selects_by_window_start()
    {
        await using var gateway = new CommandTestGateway();
        var hours = AppendWindows(gateway.Outbox, AggregatePeriod.Hour, TimeSpan.FromHours(1), windows: 3);

        // 16:00-17:59:59 China Standard Time is 08:00-10:00 UTC: the first two hours; EndTime is inclusive.
        var reply = await gateway.SendAsync("history", """{"CN":"2061","BeginTime":"20260301160000","EndTime":"20260301175959"}""");
        await gateway.Handler.HistoryJob.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.True(reply.Ok, reply.Text);
        Assert.Equal("hour", reply.Result.GetProperty("period").GetString());
        Assert.Equal("2026-03-01T10:00:00.000Z", reply.Result.GetProperty("end").GetString());
        Assert.Equal(hours.Take(4), gateway.Publisher.Published.SelectMany(message => AggregateRecords.Of(message.Payload)).Select(record => record.GetProperty("sequence").GetInt64()));
        Assert.All(gateway.Publisher.Published, message => Assert.Equal("aggregates/hour", message.TopicSuffix));
    }

    [Fact]
    public async Task Real_time_history_re_sends_the_readings_of_the_range()
    {
        await using var gateway = new CommandTestGateway();
        UplinkTestData.AppendReadings(gateway.Outbox, 40);
        gateway.Outbox.Append([], [UplinkTestData.MinuteRecord(0)], [UplinkTestData.DoorEvent()]);
        UplinkTestData.AppendReadings(gateway.Outbox, 40);

        // Readings are polled at Start + (sequence - 1) s; the two records at 41 and 42 leave a hole at 40 s and 41 s.
        var reply = await gateway.SendAsync("history", """{"cn":2011,"begin":"2026-03-01T08:00:35Z","end":"2026-03-01T08:00:45Z"}""");
        await gateway.Handler.HistoryJob.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.True(reply.Ok, reply.Text);
        Assert.Equal("realtime", reply.Result.GetProperty("period").GetString());
        var sequences = gateway.Publisher.Published
            .SelectMany(message => Enumerable.Range(0, (int)(message.LastSequence - message.FirstSequence + 1)).Select(offset => message.FirstSequence + offset))
            .ToArray();
        var expected = gateway.Outbox.Read(0, 1000).OfType<OutboxReading>()
            .Where(reading => reading.Timestamp >= Start.AddSeconds(35) && reading.Timestamp < Start.AddSeconds(45))
            .Select(reading => reading.Sequence)
            .ToArray();
        Assert.Equal(8, expected.Length);
        Assert.Equal(expected.Length, reply.Result.GetProperty("records").GetInt32());
        Assert.Equal(expected, sequences);
        Assert.All(gateway.Publisher.Published, message => Assert.Equal("readings", message.TopicSuffix));
    }

    [Fact]
    public async Task A_second_request_while_a_re_send_runs_is_busy()
    {
        await using var gateway = new CommandTestGateway();
        AppendWindows(gateway.Outbox, AggregatePeriod.Minute, TimeSpan.FromMinutes(1), windows: 2);
        gateway.Publisher.DisconnectWhen = attempt => attempt == 1;
        const string Request = """{"period":"minute","begin":"2026-03-01T08:00:00Z","end":"2026-03-02T00:00:00Z"}""";

        var first = await gateway.SendAsync("history", Request);
        var second = await gateway.SendAsync("history", Request);
        await UplinkTestData.WaitUntilAsync(() => gateway.Publisher.Published.Count == 1, Timeout, TestContext.Current.CancellationToken);
        gateway.Publisher.Reconnect();
        await gateway.Handler.HistoryJob.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var third = await gateway.SendAsync("history", Request);

        Assert.True(first.Ok, first.Text);
        Assert.Equal(CommandErrorCodes.Busy, second.ErrorCode);
        Assert.True(third.Ok, third.Text);

        // The publish that failed with the connection was repeated once the link was back: nothing is skipped.
        var acknowledged = gateway.Publisher.Published.Where(message => message.Acknowledged)
            .SelectMany(message => AggregateRecords.Of(message.Payload)).Select(record => record.GetProperty("sequence").GetInt64());
        Assert.Equal(4, acknowledged.Distinct().Count());
    }

    [Fact]
    public async Task More_records_than_the_limit_are_cut_between_two_windows_and_the_reply_says_where_to_go_on()
    {
        await using var gateway = new CommandTestGateway(CommandTestGateway.FastOptions with { MaxHistoryRecords = 3 });
        var minutes = AppendWindows(gateway.Outbox, AggregatePeriod.Minute, TimeSpan.FromMinutes(1), windows: 3);

        var first = await gateway.SendAsync("history", """{"period":"minute","begin":"2026-03-01T08:00:00Z","end":"2026-03-01T09:00:00Z"}""");
        await gateway.Handler.HistoryJob.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var nextBegin = first.Result.GetProperty("nextBegin").GetString();
        var second = await gateway.SendAsync("history", $$"""{"period":"minute","begin":"{{nextBegin}}","end":"2026-03-01T09:00:00Z"}""");
        await gateway.Handler.HistoryJob.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var third = await gateway.SendAsync("history", $$"""{"period":"minute","begin":"{{second.Result.GetProperty("nextBegin").GetString()}}","end":"2026-03-01T09:00:00Z"}""");
        await gateway.Handler.HistoryJob.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.True(first.Result.GetProperty("truncated").GetBoolean());
        Assert.Equal(2, first.Result.GetProperty("records").GetInt32());
        Assert.Equal("2026-03-01T08:01:00.000Z", nextBegin);
        Assert.True(second.Result.GetProperty("truncated").GetBoolean());
        Assert.False(third.Result.GetProperty("truncated").GetBoolean());
        Assert.Equal(minutes, gateway.Publisher.Published.SelectMany(message => AggregateRecords.Of(message.Payload)).Select(record => record.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task An_empty_range_is_accepted_with_no_records()
    {
        await using var gateway = new CommandTestGateway();
        AppendWindows(gateway.Outbox, AggregatePeriod.Minute, TimeSpan.FromMinutes(1), windows: 1);

        var reply = await gateway.SendAsync("history", """{"period":"day","begin":"2026-03-01T00:00:00Z","end":"2026-03-02T00:00:00Z"}""");

        Assert.True(reply.Ok, reply.Text);
        Assert.Equal(0, reply.Result.GetProperty("records").GetInt32());
        Assert.False(reply.Result.TryGetProperty("firstSequence", out _));
        Assert.Empty(gateway.Publisher.Published);
        Assert.Equal(0, gateway.Handler.Statistics.HistoryJobs);
    }

    [Theory]
    [InlineData("""{"begin":"2026-03-01T08:00:00Z","end":"2026-03-01T09:00:00Z"}""", "give period")]
    [InlineData("""{"period":"week","begin":"2026-03-01T08:00:00Z","end":"2026-03-01T09:00:00Z"}""", "not one of minute, hour, day, realtime")]
    [InlineData("""{"period":"hour","cn":"2051","begin":"2026-03-01T08:00:00Z","end":"2026-03-01T09:00:00Z"}""", "disagree")]
    [InlineData("""{"cn":"9999","begin":"2026-03-01T08:00:00Z","end":"2026-03-01T09:00:00Z"}""", "cn must be")]
    [InlineData("""{"cn":{"x":1},"begin":"2026-03-01T08:00:00Z","end":"2026-03-01T09:00:00Z"}""", "cn must be")]
    [InlineData("""{"period":"minute","end":"2026-03-01T09:00:00Z"}""", "begin (ISO 8601 UTC) or beginTime")]
    [InlineData("""{"period":"minute","begin":"2026-03-01T08:00:00Z"}""", "end (ISO 8601 UTC) or endTime")]
    [InlineData("""{"period":"minute","begin":"2026-03-01T09:00:00Z","end":"2026-03-01T08:00:00Z"}""", "the range is empty")]
    [InlineData("""{"period":"minute","begin":"2026-03-01T08:00:00","end":"2026-03-01T09:00:00Z"}""", "begin: '2026-03-01T08:00:00' needs a time zone")]
    [InlineData("""{"period":"minute","begin":"2026-03-01T08:00:00Z","beginTime":"20260301160000","end":"2026-03-01T09:00:00Z"}""", "not both")]
    [InlineData("""{"period":"minute","beginTime":"2026-03-01","end":"2026-03-01T09:00:00Z"}""", "beginTime: '2026-03-01' is not an HJ 212 time")]
    [InlineData("""{"period":5,"begin":"2026-03-01T08:00:00Z","end":"2026-03-01T09:00:00Z"}""", "period has the wrong type")]
    public async Task History_refuses_bad_requests(string body, string expected)
    {
        await using var gateway = new CommandTestGateway();

        var reply = await gateway.SendAsync("history", body);

        Assert.Equal(CommandErrorCodes.InvalidArgument, reply.ErrorCode);
        Assert.Contains(expected, reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_outbox_history_is_not_available()
    {
        await using var gateway = new CommandTestGateway(adjust: dependencies => dependencies with { Outbox = null, HistoryEncoder = null, HistoryPublisher = null });

        var reply = await gateway.SendAsync("history", """{"period":"minute","begin":"2026-03-01T08:00:00Z","end":"2026-03-01T09:00:00Z"}""");

        Assert.Equal(CommandErrorCodes.Forbidden, reply.ErrorCode);
    }

    [Fact]
    public async Task In_hj212_mode_the_re_sent_frames_go_out_unmarked()
    {
        var channels = Hj212UplinkTestData.Channels(2);
        var encoder = new Hj212UplinkEncoder(channels, Hj212UplinkTestData.Options);
        await using var gateway = new CommandTestGateway(adjust: dependencies => dependencies with { HistoryEncoder = encoder });
        AppendWindows(gateway.Outbox, AggregatePeriod.Minute, TimeSpan.FromMinutes(1), windows: 2);

        var reply = await gateway.SendAsync("history", """{"cn":"2051","beginTime":"20260301160000","endTime":"20260301160159"}""");
        await gateway.Handler.HistoryJob.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.True(reply.Ok, reply.Text);
        Assert.Equal(4, reply.Result.GetProperty("records").GetInt32());
        Assert.Equal(2, gateway.Publisher.Published.Count);
        Assert.All(gateway.Publisher.Published, message =>
        {
            Assert.Equal(Hj212UplinkEncoder.TopicSuffix, message.TopicSuffix);
            Assert.StartsWith("##", System.Text.Encoding.ASCII.GetString(message.Payload), StringComparison.Ordinal);
            Assert.Contains("CN=2051", System.Text.Encoding.ASCII.GetString(message.Payload), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Disposing_the_handler_ends_a_re_send_waiting_for_the_link()
    {
        var gateway = new CommandTestGateway();
        AppendWindows(gateway.Outbox, AggregatePeriod.Minute, TimeSpan.FromMinutes(1), windows: 2);
        gateway.Publisher.DisconnectWhen = attempt => attempt == 1;

        var reply = await gateway.SendAsync("history", """{"period":"minute","begin":"2026-03-01T08:00:00Z","end":"2026-03-01T09:00:00Z"}""");
        await UplinkTestData.WaitUntilAsync(() => gateway.Publisher.Published.Count == 1, Timeout, TestContext.Current.CancellationToken);
        await gateway.DisposeAsync().AsTask().WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.True(reply.Ok, reply.Text);
        Assert.Equal(1, gateway.Handler.Statistics.HistoryJobsAbandoned);
        Assert.False(gateway.Handler.Statistics.HistoryRunning);
    }

    // Two channels' records for each of `windows` consecutive windows from Start, with readings and an event between
    // windows so the records' sequences are not contiguous. Returns the records' sequences in order.
    private static List<long> AppendWindows(IOutbox outbox, AggregatePeriod period, TimeSpan length, int windows)
    {
        var sequences = new List<long>();
        for (var window = 0; window < windows; window++)
        {
            UplinkTestData.AppendReadings(outbox, 3);
            var start = Start + (length * window);
            var appended = outbox.Append([], [StorageTestData.Aggregate(period, start, channel: 0), StorageTestData.Aggregate(period, start, channel: 1)], []);
            sequences.Add(appended.FirstSequence);
            sequences.Add(appended.FirstSequence + 1);
            outbox.Append([], [], [new GatewayEvent(start, GatewayEventKind.Door, "door", "closed", null)]);
        }

        return sequences;
    }
}
