using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Storage;
using static EdgeGateway.DataFlow.Tests.Storage.StorageTestData;

namespace EdgeGateway.DataFlow.Tests.Storage;

/// <summary>What every <see cref="IOutbox"/> promises, run against each implementation.</summary>
public abstract class OutboxContractTests
{
    private static readonly OutboxRetention ShortRetention = new()
    {
        RealTime = TimeSpan.FromHours(1),
        Minute = TimeSpan.FromDays(1),
        Hour = TimeSpan.FromDays(7),
        Day = TimeSpan.FromDays(30),
        Events = TimeSpan.FromDays(2),
    };

    private const string Platform = "hj212-platform";

    protected abstract IOutbox CreateOutbox(OutboxRetention retention, IReadOnlyList<string> destinations);

    /// <summary>An outbox with today's one destination, the MQTT uplink.</summary>
    private IOutbox CreateOutbox(OutboxRetention retention) => CreateOutbox(retention, [OutboxDestinations.Mqtt]);

    [Fact]
    public void Sequences_are_gap_free_and_increasing_across_kinds_and_transactions()
    {
        using var outbox = CreateOutbox(new OutboxRetention());
        Assert.Equal(0, outbox.LastSequence);

        var first = outbox.Append(Readings(5, T0), [Aggregate(AggregatePeriod.Minute, T0)], [Event(T0)]);
        var second = outbox.Append(Readings(3, T0.AddSeconds(1)), [], []);
        var third = outbox.Append([], [], [Event(T0.AddSeconds(2))]);

        Assert.Equal(new OutboxAppendResult(1, 7), first);
        Assert.Equal(new OutboxAppendResult(8, 10), second);
        Assert.Equal(new OutboxAppendResult(11, 11), third);
        Assert.Equal(11, outbox.LastSequence);
        Assert.Equal(Range(1, 11), Sequences(ReadAll(outbox)));
    }

    [Fact]
    public void An_empty_append_uses_no_number()
    {
        using var outbox = CreateOutbox(new OutboxRetention());
        outbox.Append(Readings(2, T0), [], []);

        Assert.True(outbox.Append([], [], []).IsEmpty);
        Assert.Equal(new OutboxAppendResult(3, 3), outbox.Append(Readings(1, T0), [], []));
    }

    [Fact]
    public void Read_returns_each_kind_typed_and_unchanged_in_sequence_order()
    {
        using var outbox = CreateOutbox(new OutboxRetention());
        var readings = Readings(200, T0); // holds B readings (NaN) and D readings
        var aggregates = new[] { Aggregate(AggregatePeriod.Minute, T0), Aggregate(AggregatePeriod.Hour, T0), Aggregate(AggregatePeriod.Day, T0) };
        var gatewayEvent = Event(T0.ToOffset(TimeSpan.FromHours(8)));
        outbox.Append(readings, aggregates, [gatewayEvent]);

        var entries = outbox.Read(0, 1_000);

        Assert.Equal(204, entries.Count);
        Assert.Equal(readings, entries.Take(200).Select(entry => Assert.IsType<OutboxReading>(entry).Reading));
        Assert.Contains(entries.Take(200), entry => double.IsNaN(((OutboxReading)entry).Reading.Value));
        Assert.Equal(aggregates, entries.Skip(200).Take(3).Select(entry => Assert.IsType<OutboxAggregate>(entry).Record));
        var stored = Assert.IsType<OutboxEvent>(entries[203]).Event;
        Assert.Equal(gatewayEvent, stored); // the same instant, kind, source, text and detail
        Assert.Equal(
            [OutboxRecordKind.Reading, OutboxRecordKind.MinuteRecord, OutboxRecordKind.HourRecord, OutboxRecordKind.DayRecord, OutboxRecordKind.Event],
            entries.Select(entry => entry.Kind).Distinct());
        var local = Assert.IsType<OutboxAggregate>(entries[200]).Record.StartLocal;
        Assert.Equal(TimeSpan.FromHours(8), local.Offset);
    }

    [Fact]
    public void Read_pages_by_sequence_across_interleaved_kinds()
    {
        using var outbox = CreateOutbox(new OutboxRetention());
        for (var i = 0; i < 10; i++)
        {
            outbox.Append(Readings(7, T0.AddMinutes(i)), i % 3 == 0 ? [Aggregate(AggregatePeriod.Minute, T0.AddMinutes(i))] : [], i % 4 == 0 ? [Event(T0.AddMinutes(i))] : []);
        }

        Assert.Equal(Range(1, outbox.LastSequence), Sequences(ReadAll(outbox, page: 4)));
        Assert.Equal(Range(6, 10), Sequences(outbox.Read(5, 5)));
        Assert.Empty(outbox.Read(outbox.LastSequence, 10));
    }

    [Fact]
    public void Out_of_order_acknowledgements_keep_their_ranges_and_the_contiguous_prefix()
    {
        using var outbox = CreateOutbox(new OutboxRetention());
        outbox.Append(Readings(20, T0), [], []);

        outbox.Acknowledge(OutboxDestinations.Mqtt, 11, 20); // live data, sent first
        Assert.Equal(0, outbox.AcknowledgedPrefix);
        outbox.Acknowledge(OutboxDestinations.Mqtt, 1, 4); // the backlog behind
        outbox.Acknowledge(OutboxDestinations.Mqtt, 6, 8);
        Assert.Equal(4, outbox.AcknowledgedPrefix);
        Assert.Equal([new SequenceRange(1, 4), new SequenceRange(6, 8), new SequenceRange(11, 20)], outbox.AcknowledgedRanges(OutboxDestinations.Mqtt));
        Assert.True(outbox.IsAcknowledged(OutboxDestinations.Mqtt, 7));
        Assert.False(outbox.IsAcknowledged(OutboxDestinations.Mqtt, 5));

        outbox.Acknowledge(OutboxDestinations.Mqtt, 3, 6); // overlaps and repeats are fine
        outbox.Acknowledge(OutboxDestinations.Mqtt, 9, 10);
        Assert.Equal(20, outbox.AcknowledgedPrefix);
        Assert.Equal([new SequenceRange(1, 20)], outbox.AcknowledgedRanges(OutboxDestinations.Mqtt));
    }

    [Fact]
    public void Acknowledging_beyond_the_last_sequence_is_refused()
    {
        using var outbox = CreateOutbox(new OutboxRetention());
        outbox.Append(Readings(3, T0), [], []);

        Assert.Throws<ArgumentOutOfRangeException>(() => outbox.Acknowledge(OutboxDestinations.Mqtt, 2, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => outbox.Acknowledge(OutboxDestinations.Mqtt, 0, 1));
        Assert.Equal(0, outbox.AcknowledgedPrefix);
    }

    [Fact]
    public void The_backlog_counts_what_is_not_acknowledged_and_ages_from_its_oldest_record()
    {
        using var outbox = CreateOutbox(new OutboxRetention());
        Assert.Equal(new OutboxBacklog(0, null, null), outbox.GetBacklog(OutboxDestinations.Mqtt));
        outbox.Append(Readings(100, T0, channels: 10), [], []); // seq n polled at T0 + (n-1)/10 s

        outbox.Acknowledge(OutboxDestinations.Mqtt, 51, 100);
        outbox.Acknowledge(OutboxDestinations.Mqtt, 1, 20);

        var backlog = outbox.GetBacklog(OutboxDestinations.Mqtt);
        Assert.Equal(30, backlog.UnacknowledgedCount);
        Assert.Equal(21, backlog.OldestSequence);
        Assert.Equal(T0.AddSeconds(2), backlog.OldestTimestamp);
        Assert.Equal(TimeSpan.FromSeconds(58), backlog.Age(T0.AddMinutes(1)));

        outbox.Acknowledge(OutboxDestinations.Mqtt, 21, 50);
        Assert.Equal(0, outbox.GetBacklog(OutboxDestinations.Mqtt).UnacknowledgedCount);
    }

    [Fact]
    public void ReadUnacknowledged_skips_what_live_sending_already_delivered()
    {
        using var outbox = CreateOutbox(new OutboxRetention());
        outbox.Append(Readings(30, T0), [Aggregate(AggregatePeriod.Minute, T0)], [Event(T0)]);
        outbox.Acknowledge(OutboxDestinations.Mqtt, 1, 5);
        outbox.Acknowledge(OutboxDestinations.Mqtt, 11, 25);

        Assert.Equal([.. Range(6, 10), .. Range(26, 32)], Sequences(outbox.ReadUnacknowledged(OutboxDestinations.Mqtt, 0, 100)));
        Assert.Equal([.. Range(8, 10), 26, 27], Sequences(outbox.ReadUnacknowledged(OutboxDestinations.Mqtt, 7, 5)));
        Assert.Equal(Range(26, 32), Sequences(outbox.ReadUnacknowledged(OutboxDestinations.Mqtt, 10, 100)));
    }

    [Fact]
    public void History_requests_read_one_period_by_window_start()
    {
        using var outbox = CreateOutbox(new OutboxRetention());
        for (var hour = 0; hour < 5; hour++)
        {
            outbox.Append([], [Aggregate(AggregatePeriod.Minute, T0.AddHours(hour)), Aggregate(AggregatePeriod.Hour, T0.AddHours(hour))], []);
        }

        var hours = outbox.ReadAggregates(AggregatePeriod.Hour, T0.AddHours(1), T0.AddHours(4), 100);

        Assert.Equal([T0.AddHours(1), T0.AddHours(2), T0.AddHours(3)], hours.Select(entry => entry.Record.StartUtc));
        Assert.All(hours, entry => Assert.Equal(AggregatePeriod.Hour, entry.Record.Period));
        Assert.Equal(2, outbox.ReadAggregates(AggregatePeriod.Minute, T0, T0.AddDays(1), 2).Count);
    }

    [Fact]
    public void Raw_data_requests_read_the_readings_of_a_time_range_in_sequence_order()
    {
        using var outbox = CreateOutbox(new OutboxRetention());
        for (var second = 0; second < 600; second++)
        {
            // 3 channels a second, a minute record and an event now and then between them (other kinds, same sequence).
            var aggregates = second % 60 == 0 ? new[] { Aggregate(AggregatePeriod.Minute, T0.AddSeconds(second)) } : [];
            var events = second % 97 == 0 ? new[] { Event(T0.AddSeconds(second)) } : [];
            outbox.Append(Readings(3, T0.AddSeconds(second), channels: 3), aggregates, events);
        }

        var range = outbox.ReadReadings(T0.AddSeconds(100), T0.AddSeconds(110), 1_000);
        var first = outbox.ReadReadings(T0, T0.AddSeconds(1), 1_000);
        var last = outbox.ReadReadings(T0.AddSeconds(599), T0.AddHours(1), 1_000);
        var limited = outbox.ReadReadings(T0.AddSeconds(100), T0.AddSeconds(110), 4);

        Assert.Equal(30, range.Count);
        Assert.Equal(T0.AddSeconds(100), range[0].Reading.Timestamp);
        Assert.Equal(T0.AddSeconds(109), range[^1].Reading.Timestamp);
        Assert.Equal(range.Select(entry => entry.Sequence).Order(), range.Select(entry => entry.Sequence));
        Assert.Equal([0, 1, 2], first.Select(entry => entry.Reading.Channel));
        Assert.Equal(3, last.Count);
        Assert.Equal(range.Take(4).Select(entry => entry.Sequence), limited.Select(entry => entry.Sequence));
        Assert.Empty(outbox.ReadReadings(T0.AddHours(1), T0.AddHours(2), 1_000));
        Assert.Empty(outbox.ReadReadings(T0.AddDays(-1), T0, 1_000));
        Assert.Empty(outbox.ReadReadings(T0.AddSeconds(110), T0.AddSeconds(100), 1_000));
    }

    [Fact]
    public void A_channel_trend_reads_only_that_channels_readings_and_records_of_a_time_range()
    {
        using var outbox = CreateOutbox(new OutboxRetention());
        for (var second = 0; second < 300; second++)
        {
            var aggregates = second % 60 == 0 ? new[] { Aggregate(AggregatePeriod.Minute, T0.AddSeconds(second), channel: 1), Aggregate(AggregatePeriod.Minute, T0.AddSeconds(second), channel: 2) } : [];
            outbox.Append(Readings(3, T0.AddSeconds(second), channels: 3), aggregates, []);
        }

        var readings = outbox.ReadChannelReadings(1, T0.AddSeconds(100), T0.AddSeconds(110), 1_000);
        var limited = outbox.ReadChannelReadings(1, T0.AddSeconds(100), T0.AddSeconds(110), 4);
        var minutes = outbox.ReadChannelAggregates(AggregatePeriod.Minute, 2, T0.AddMinutes(1), T0.AddMinutes(4), 100);

        Assert.Equal(Enumerable.Range(100, 10).Select(second => T0.AddSeconds(second)), readings.Select(entry => entry.Reading.Timestamp));
        Assert.All(readings, entry => Assert.Equal(1, entry.Reading.Channel));
        Assert.Equal(readings.Take(4).Select(entry => entry.Sequence), limited.Select(entry => entry.Sequence));
        Assert.Equal([T0.AddMinutes(1), T0.AddMinutes(2), T0.AddMinutes(3)], minutes.Select(entry => entry.Record.StartUtc));
        Assert.All(minutes, entry => Assert.Equal(2, entry.Record.Channel));
        Assert.Empty(outbox.ReadChannelReadings(7, T0, T0.AddHours(1), 1_000));
        Assert.Empty(outbox.ReadChannelAggregates(AggregatePeriod.Hour, 2, T0, T0.AddHours(1), 100));
    }

    [Fact]
    public void Retention_deletes_acknowledged_records_of_each_kind_after_its_own_period()
    {
        using var outbox = CreateOutbox(ShortRetention);
        outbox.Append(Readings(10, T0), [Aggregate(AggregatePeriod.Minute, T0), Aggregate(AggregatePeriod.Hour, T0), Aggregate(AggregatePeriod.Day, T0)], [Event(T0)]);
        outbox.Append(Readings(10, T0.AddMinutes(90)), [], []); // younger readings stay past the first cut
        outbox.Acknowledge(OutboxDestinations.Mqtt, 1, outbox.LastSequence);

        OutboxRecordKind[] Remaining() => [.. ReadAll(outbox).Select(entry => entry.Kind).Distinct().Order()];

        Assert.Equal(0, outbox.Maintain(T0.AddMinutes(59)).RetentionDeleted);
        Assert.Equal(10, outbox.Maintain(T0.AddHours(2)).RetentionDeleted);
        Assert.Equal(10, ReadAll(outbox).Count(entry => entry.Kind == OutboxRecordKind.Reading));
        Assert.Equal(
            [OutboxRecordKind.Reading, OutboxRecordKind.MinuteRecord, OutboxRecordKind.HourRecord, OutboxRecordKind.DayRecord, OutboxRecordKind.Event],
            Remaining());

        outbox.Maintain(T0.AddDays(1.5));
        Assert.Equal([OutboxRecordKind.HourRecord, OutboxRecordKind.DayRecord, OutboxRecordKind.Event], Remaining());
        outbox.Maintain(T0.AddDays(3));
        Assert.Equal([OutboxRecordKind.HourRecord, OutboxRecordKind.DayRecord], Remaining());
        outbox.Maintain(T0.AddDays(8));
        Assert.Equal([OutboxRecordKind.DayRecord], Remaining());
        outbox.Maintain(T0.AddDays(31));
        Assert.Empty(Remaining());
        Assert.Equal(24, outbox.LastSequence); // numbers are not reused after deletion
        Assert.Equal(new OutboxAppendResult(25, 25), outbox.Append([], [], [Event(T0.AddDays(31))]));
    }

    [Fact]
    public void Retention_never_deletes_unacknowledged_records()
    {
        using var outbox = CreateOutbox(ShortRetention);
        outbox.Append(Readings(10, T0), [Aggregate(AggregatePeriod.Minute, T0)], [Event(T0)]);
        outbox.Acknowledge(OutboxDestinations.Mqtt, 1, 4);
        outbox.Acknowledge(OutboxDestinations.Mqtt, 8, 9);

        Assert.Equal(6, outbox.Maintain(T0.AddDays(400)).RetentionDeleted);

        Assert.Equal([5, 6, 7, 10, 11, 12], Sequences(ReadAll(outbox)));
        Assert.Equal(6, outbox.GetBacklog(OutboxDestinations.Mqtt).UnacknowledgedCount);
    }

    [Fact]
    public void Two_destinations_acknowledge_independently()
    {
        using var outbox = CreateOutbox(new OutboxRetention(), [OutboxDestinations.Mqtt, Platform]);
        Assert.Equal([OutboxDestinations.Mqtt, Platform], outbox.Destinations);
        outbox.Append(Readings(20, T0, channels: 10), [], []); // seq n polled at T0 + (n-1)/10 s

        outbox.Acknowledge(OutboxDestinations.Mqtt, 1, 20);
        outbox.Acknowledge(Platform, 1, 5);
        outbox.Acknowledge(Platform, 11, 12);

        Assert.Equal([new SequenceRange(1, 20)], outbox.AcknowledgedRanges(OutboxDestinations.Mqtt));
        Assert.Equal([new SequenceRange(1, 5), new SequenceRange(11, 12)], outbox.AcknowledgedRanges(Platform));
        Assert.True(outbox.IsAcknowledged(OutboxDestinations.Mqtt, 8));
        Assert.False(outbox.IsAcknowledged(Platform, 8));
        Assert.Equal(new OutboxBacklog(0, null, null), outbox.GetBacklog(OutboxDestinations.Mqtt));
        Assert.Equal(new OutboxBacklog(13, 6, T0), outbox.GetBacklog(Platform));
        Assert.Empty(outbox.ReadUnacknowledged(OutboxDestinations.Mqtt, 0, 100));
        Assert.Equal([.. Range(6, 10), .. Range(13, 20)], Sequences(outbox.ReadUnacknowledged(Platform, 0, 100)));
        Assert.Equal(5, outbox.AcknowledgedPrefix); // what every destination has

        outbox.Acknowledge(Platform, 6, 20);
        Assert.Equal(20, outbox.AcknowledgedPrefix);
        Assert.Equal(0, outbox.GetBacklog(Platform).UnacknowledgedCount);
    }

    [Fact]
    public void Retention_deletes_only_what_every_destination_acknowledged()
    {
        using var outbox = CreateOutbox(ShortRetention, [OutboxDestinations.Mqtt, Platform]);
        outbox.Append(Readings(10, T0), [], []);
        outbox.Acknowledge(OutboxDestinations.Mqtt, 1, 10);
        outbox.Acknowledge(Platform, 1, 4);

        Assert.Equal(4, outbox.Maintain(T0.AddDays(400)).RetentionDeleted);
        Assert.Equal(Range(5, 10), Sequences(ReadAll(outbox)));
        Assert.Equal(Range(5, 10), Sequences(outbox.ReadUnacknowledged(Platform, 0, 100)));

        outbox.Acknowledge(Platform, 5, 10);
        Assert.Equal(6, outbox.Maintain(T0.AddDays(400)).RetentionDeleted);
        Assert.Empty(ReadAll(outbox));
    }

    [Fact]
    public void A_destination_the_outbox_does_not_have_is_refused_by_name()
    {
        using var outbox = CreateOutbox(new OutboxRetention());
        outbox.Append(Readings(3, T0), [], []);

        var refused = Assert.Throws<ArgumentException>(() => outbox.Acknowledge(Platform, 1, 3));
        Assert.Contains(Platform, refused.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => outbox.GetBacklog(Platform));
        Assert.Throws<ArgumentException>(() => outbox.ReadUnacknowledged(Platform, 0, 10));
        Assert.Equal(0, outbox.AcknowledgedPrefix);
    }
}
