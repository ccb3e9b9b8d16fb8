using System.Diagnostics;
using System.Globalization;
using EdgeGateway.Pipeline;
using EdgeGateway.Storage;
using EdgeGateway.Uplink;

namespace EdgeGateway.Benchmarks.Uplink;

/// <summary>
/// What the publish window buys over a slow link: a backlog drained through <see cref="DelayRelay"/> (a round trip
/// of <c>--rtt-ms</c>) to mosquitto, for several <see cref="OutboxPublisherOptions.MaxInFlight"/> values. With one
/// message in flight throughput is one message per round trip.
/// </summary>
internal static class UplinkRoundTripBench
{
    public static int Run(string[] args, TextWriter output) => RunAsync(args, output).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var arguments = new BenchArguments(args);
        var roundTrip = TimeSpan.FromMilliseconds(arguments.Number("--rtt-ms", 100));
        var seconds = arguments.Number("--seconds", 15);
        var channels = 100;
        int[] windows = [.. (arguments.Text("--windows") ?? "1,2,8,32").Split(',').Select(text => int.Parse(text, CultureInfo.InvariantCulture))];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"uplink over a {roundTrip.TotalMilliseconds:0} ms round trip (delaying relay to mosquitto): backlog of 100-reading messages, BacklogMessagesPerSecond unlimited, {seconds:0} s per row after 3 s; {ProcessCpu.Load()}"));
        output.WriteLine("| MaxInFlight | backlog slots | messages/s | readings/s | messages per round trip | peak in flight |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|");
        using var broker = BenchBroker.Start();
        await using var relay = new DelayRelay(broker.Port, roundTrip);
        foreach (var window in windows)
        {
            var directory = Directory.CreateTempSubdirectory("egw-bench-rtt-").FullName;
            try
            {
                using var outbox = SqliteOutbox.Open(new SqliteOutboxOptions { Path = Path.Combine(directory, "outbox.db") });

                // More than the widest window can send in the time given, all of it backlog when the publisher starts.
                var readings = new Reading[channels];
                var rounds = (long)Math.Max(2_000, window * (seconds + 5) / roundTrip.TotalSeconds);
                for (var round = 0L; round < rounds; round++)
                {
                    for (var i = 0; i < channels; i++)
                    {
                        readings[i] = ReadingSource.At((round * channels) + i, channels);
                    }

                    outbox.Append(readings, [], []);
                }

                outbox.MakeDurable();
                var options = new OutboxPublisherOptions { MaxInFlight = window, BacklogMessagesPerSecond = 1_000_000 };
                await using var chain = await UplinkChain.StartAsync(outbox, relay.Port, UplinkChain.Channels(channels), options, Math.Max(32, window));
                await Task.Delay(TimeSpan.FromSeconds(3));
                var before = chain.Publisher.Statistics;
                var wall = Stopwatch.StartNew();
                await Task.Delay(TimeSpan.FromSeconds(seconds));
                var after = chain.Publisher.Statistics;
                var elapsed = wall.Elapsed.TotalSeconds;
                var messagesPerSecond = (after.MessagesAcknowledged - before.MessagesAcknowledged) / elapsed;
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {window} | {Math.Max(1, window - 1)} | {messagesPerSecond:0.0} | {(after.RecordsAcknowledged - before.RecordsAcknowledged) / elapsed:0} | {messagesPerSecond * roundTrip.TotalSeconds:0.0} | {after.PeakInFlight} |"));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        return 0;
    }
}
