using System.Diagnostics;
using System.Globalization;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Pipeline.Ring;
using EdgeGateway.Storage;
using EdgeGateway.Testing.Uplink;
using EdgeGateway.Uplink;
using EdgeGateway.Uplink.Contract;

namespace EdgeGateway.Benchmarks.Uplink;

/// <summary>
/// How long an outage's backlog takes to reach the platform once the link is back: an outbox pre-filled with
/// <c>--hours</c> of <c>--channels</c> channels at 1 Hz (and, by default, their minute records), all unacknowledged;
/// then the real chain starts with live readings flowing at one round of all channels per second, and the clock runs
/// until the last backlog record is acknowledged. The publisher runs at its DEFAULT options (the backlog paced by the
/// PUBACKs, aggregate records batched) unless <c>--backlog-rate</c>, <c>--batch</c>, <c>--in-flight</c> or
/// <c>--aggregate-messages single</c> say otherwise. Live readings are stamped with the wall clock, so the subscriber
/// (its own process) measures how old each live message's oldest reading is on arrival: the live latency during the
/// drain.
/// </summary>
internal static class BacklogDrainBench
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(2);

    public static int Run(string[] args, TextWriter output)
    {
        var arguments = new BenchArguments(args);
        var hours = arguments.Number("--hours", 24);
        var channels = (int)arguments.Integer("--channels", 100);
        var withAggregates = arguments.Text("--aggregates") != "no";
        var synchronous = arguments.Text("--sync") == "full" ? OutboxSynchronous.Full : OutboxSynchronous.Normal;
        var defaults = new OutboxPublisherOptions();
        var publisherOptions = defaults with
        {
            BacklogMessagesPerSecond = arguments.Text("--backlog-rate") is null ? defaults.BacklogMessagesPerSecond : arguments.Number("--backlog-rate", 0),
            BatchSize = (int)arguments.Integer("--batch", defaults.BatchSize),
            MaxInFlight = (int)arguments.Integer("--in-flight", defaults.MaxInFlight),
        };
        var encoderOptions = new UplinkEncoderOptions
        {
            AggregateMessages = arguments.Text("--aggregate-messages") == "single" ? AggregateMessageForm.Single : AggregateMessageForm.Batch,
        };
        return RunAsync(hours, channels, withAggregates, synchronous, publisherOptions, encoderOptions, output).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(double hours, int channels, bool withAggregates, OutboxSynchronous synchronous, OutboxPublisherOptions publisherOptions, UplinkEncoderOptions encoderOptions, TextWriter output)
    {
        var minutes = (int)Math.Round(hours * 60);
        var rounds = minutes * 60L;
        var rate = publisherOptions.BacklogMessagesPerSecond is { } cap ? cap.ToString(CultureInfo.InvariantCulture) + "/s" : "none (paced by PUBACKs)";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"backlog drain: {minutes / 60.0:0.##} h × {channels} channels × 1 Hz{(withAggregates ? " + minute records" : string.Empty)}, outbox synchronous={synchronous}, live {channels} readings/s; BacklogMessagesPerSecond {rate}, BatchSize {publisherOptions.BatchSize}, MaxInFlight {publisherOptions.MaxInFlight}, aggregate messages {encoderOptions.AggregateMessages}; {ProcessCpu.Load()}"));
        var directory = Directory.CreateTempSubdirectory("egw-bench-backlog-").FullName;
        try
        {
            using var outbox = SqliteOutbox.Open(new SqliteOutboxOptions { Path = Path.Combine(directory, "outbox.db"), Synchronous = synchronous, MaxBytes = 8L << 30 });

            var prefill = Stopwatch.StartNew();
            Prefill(outbox, minutes, channels, withAggregates);
            outbox.MakeDurable();
            prefill.Stop();
            var backlogLast = outbox.LastSequence;
            var databaseBytes = outbox.MeasureUsedBytes();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pre-filled {backlogLast} records ({rounds * channels} readings, {(withAggregates ? minutes * (long)channels : 0)} minute records) in {prefill.Elapsed.TotalSeconds:0.0} s ({backlogLast / prefill.Elapsed.TotalSeconds:0} records/s, one transaction per minute of data); database {databaseBytes / (1024.0 * 1024):0} MiB"));

            using var broker = BenchBroker.Start();
            var liveFrom = DateTimeOffset.UtcNow;
            using var subscriber = CountingSubscriber.Start(broker.Port, UplinkChain.TopicFilter, liveFrom);
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var brokerBefore = ProcessCpu.Of(broker.ProcessId);
            var wall = Stopwatch.StartNew();
            await using var chain = await UplinkChain.StartAsync(outbox, broker.Port, UplinkChain.Channels(channels), publisherOptions, encoderOptions: encoderOptions);
            using var stopLive = new CancellationTokenSource();
            var liveRounds = 0L;
            var live = new Thread(() => liveRounds = FeedLive(chain.Ring, channels, stopLive.Token)) { Name = "live readings" };
            live.Start();

            var progress = Stopwatch.StartNew();
            while (outbox.AcknowledgedPrefix < backlogLast)
            {
                if (wall.Elapsed > Limit)
                {
                    throw new TimeoutException($"the backlog was not drained within {Limit.TotalHours} h");
                }

                if (progress.Elapsed > TimeSpan.FromSeconds(30))
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {wall.Elapsed.TotalSeconds:0} s: acknowledged up to {outbox.AcknowledgedPrefix} of {backlogLast}; live messages {subscriber.LiveMessages}, the oldest {subscriber.MaxLiveAgeMs} ms old on arrival, {subscriber.LiveLate} over {SequenceCounterChild.LateMs} ms; {ProcessCpu.Load()}"));
                    progress.Restart();
                }

                Thread.Sleep(5);
            }

            var drained = wall.Elapsed;
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var brokerCpu = ProcessCpu.Of(broker.ProcessId) - brokerBefore;
            var statistics = chain.Publisher.Statistics;
            var liveOwed = outbox.GetBacklog(OutboxDestinations.Mqtt).UnacknowledgedCount;
            var liveMessages = subscriber.LiveMessages;
            var maxLiveAge = subscriber.MaxLiveAgeMs;
            var liveLate = subscriber.LiveLate;

            await stopLive.CancelAsync();
            live.Join();
            var last = outbox.LastSequence;
            var waitedForLive = Stopwatch.StartNew();
            while (outbox.AcknowledgedPrefix < last && waitedForLive.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(5);
            }

            subscriber.WaitForDistinct(last, TimeSpan.FromMinutes(2));
            var seen = subscriber.Stop(last);
            output.WriteLine("| backlog records | drained in | records/s | backlog messages | messages/s | live readings during the drain | live messages during the drain | oldest live reading on arrival | live messages over 2 s | live records owed when the backlog was done | gateway CPU µs/record | mosquitto CPU µs/record | peak RSS | duplicates | missing |");
            output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {backlogLast} | {drained.TotalSeconds:0.0} s | {backlogLast / drained.TotalSeconds:0} | {statistics.BacklogMessages} | {statistics.BacklogMessages / drained.TotalSeconds:0} | {liveRounds * channels} | {liveMessages} | {maxLiveAge} ms | {liveLate} | {liveOwed} | {cpu.TotalMicroseconds / backlogLast:0.00} | {brokerCpu.TotalMicroseconds / backlogLast:0.00} | {ProcessCpu.PeakResidentMiB():0} MiB | {seen.Duplicates} | {seen.Missing} ({seen.MissingRanges}) |"));
            output.WriteLine(ProcessCpu.Load() + " at the end");
            return seen.Missing == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // One transaction per minute of data: its readings, then the minute records of every channel (as the appender
    // would store them with the batch after the minute closed).
    private static void Prefill(SqliteOutbox outbox, int minutes, int channels, bool withAggregates)
    {
        var readings = new Reading[60 * channels];
        var records = new List<AggregateRecord>(channels);
        for (var minute = 0; minute < minutes; minute++)
        {
            var first = minute * 60L * channels;
            for (var i = 0; i < readings.Length; i++)
            {
                readings[i] = ReadingSource.At(first + i, channels);
            }

            records.Clear();
            if (withAggregates)
            {
                for (var channel = 0; channel < channels; channel++)
                {
                    records.Add(SampleMinuteRecords.Of(channel, ReadingSource.Start.AddMinutes(minute)));
                }
            }

            outbox.Append(readings, records, []);
        }
    }

    // One round of every channel per second, on the wall clock and stamped with it (so the subscriber can tell how old
    // a live reading is when it arrives), until stopped; returns the rounds written.
    private static long FeedLive(IRing<Reading> ring, int channels, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        long rounds = 0;
        while (!stop.IsCancellationRequested)
        {
            var now = DateTimeOffset.UtcNow.UtcTicks;
            for (var channel = 0; channel < channels; channel++)
            {
                var reading = new Reading(channel, now, channel, channel / 10.0, DataFlag.N, FlagReason.None);
                while (!ring.TryWrite(reading))
                {
                    Thread.Sleep(1);
                }
            }

            rounds++;
            var next = TimeSpan.FromSeconds(rounds) - clock.Elapsed;
            if (next > TimeSpan.Zero)
            {
                stop.WaitHandle.WaitOne(next);
            }
        }

        return rounds;
    }
}
