using System.Diagnostics;
using System.Globalization;
using EdgeGateway.Storage;
using EdgeGateway.Uplink;

namespace EdgeGateway.Benchmarks.Uplink;

/// <summary>
/// Sustained readings per second from the ring to the broker through the real chain (durable SQLite outbox, QoS 1,
/// mosquitto on loopback), and the CPU each reading costs: the gateway process's, mosquitto's and the counting
/// subscriber's, each measured separately. A subscriber in its own process checks that every sequence arrived.
/// </summary>
internal static class UplinkThroughputBench
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public static int Run(string[] args, TextWriter output)
    {
        var arguments = new BenchArguments(args);
        var readings = arguments.Integer("--readings", 2_000_000);
        var warmUp = arguments.Integer("--warm-up", 200_000);
        var channels = (int)arguments.Integer("--channels", 100);
        var publisherOptions = new OutboxPublisherOptions
        {
            BatchSize = (int)arguments.Integer("--batch", new OutboxPublisherOptions().BatchSize),
            MaxInFlight = (int)arguments.Integer("--in-flight", new OutboxPublisherOptions().MaxInFlight),
        };
        OutboxSynchronous[] modes = (arguments.Text("--sync") ?? "both") switch
        {
            "normal" => [OutboxSynchronous.Normal],
            "full" => [OutboxSynchronous.Full],
            _ => [OutboxSynchronous.Normal, OutboxSynchronous.Full],
        };

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"uplink throughput: {readings} readings of {channels} channels after {warmUp} warm-up, ring → SQLite outbox → QoS 1 → mosquitto (loopback); BatchSize {publisherOptions.BatchSize}, MaxInFlight {publisherOptions.MaxInFlight}; {ProcessCpu.Load()}"));
        output.WriteLine("| outbox synchronous | readings/s to PUBACK | readings/s seen by subscriber | gateway CPU µs/reading | mosquitto CPU µs/reading | subscriber CPU µs/reading | messages | peak in flight | duplicates | missing | peak RSS |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var failed = false;
        foreach (var mode in modes)
        {
            failed |= !MeasureAsync(mode, readings, warmUp, channels, publisherOptions, output).GetAwaiter().GetResult();
        }

        output.WriteLine(ProcessCpu.Load() + " at the end");
        return failed ? 1 : 0;
    }

    private static async Task<bool> MeasureAsync(OutboxSynchronous synchronous, long readings, long warmUp, int channels, OutboxPublisherOptions publisherOptions, TextWriter output)
    {
        var directory = Directory.CreateTempSubdirectory("egw-bench-outbox-").FullName;
        try
        {
            using var broker = BenchBroker.Start();
            using var subscriber = CountingSubscriber.Start(broker.Port, UplinkChain.TopicFilter);
            using var outbox = SqliteOutbox.Open(new SqliteOutboxOptions { Path = Path.Combine(directory, "outbox.db"), Synchronous = synchronous });
            await using var chain = await UplinkChain.StartAsync(outbox, broker.Port, UplinkChain.Channels(channels), publisherOptions);

            ReadingSource.Write(chain.Ring, 0, warmUp, channels);
            WaitFor(() => outbox.AcknowledgedPrefix >= warmUp, "the warm-up to be acknowledged");
            GC.Collect();
            File.WriteAllText("/proc/self/clear_refs", "5"); // resets VmHWM: the peak of this row only

            var total = warmUp + readings;
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var brokerBefore = ProcessCpu.Of(broker.ProcessId);
            var subscriberBefore = ProcessCpu.Of(subscriber.ProcessId);
            var statisticsBefore = chain.Publisher.Statistics;
            var wall = Stopwatch.StartNew();
            var producer = new Thread(() => ReadingSource.Write(chain.Ring, warmUp, readings, channels)) { Name = "bench producer" };
            producer.Start();
            WaitFor(() => outbox.AcknowledgedPrefix >= total, "every reading to be acknowledged");
            var toAcknowledged = wall.Elapsed;
            if (!subscriber.WaitForDistinct(total, Limit))
            {
                output.WriteLine($"the subscriber saw only {subscriber.Distinct} of {total}");
            }

            var toSubscriber = wall.Elapsed;
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var brokerCpu = ProcessCpu.Of(broker.ProcessId) - brokerBefore;
            var subscriberCpu = ProcessCpu.Of(subscriber.ProcessId) - subscriberBefore;
            var peakResident = ProcessCpu.PeakResidentMiB();
            producer.Join();
            var statistics = chain.Publisher.Statistics;
            var seen = subscriber.Stop(total);

            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {synchronous} | {readings / toAcknowledged.TotalSeconds:0} | {readings / toSubscriber.TotalSeconds:0} | {cpu.TotalMicroseconds / readings:0.00} | {brokerCpu.TotalMicroseconds / readings:0.00} | {subscriberCpu.TotalMicroseconds / readings:0.00} | {statistics.MessagesPublished - statisticsBefore.MessagesPublished} | {statistics.PeakInFlight} | {seen.Duplicates} | {seen.Missing} ({seen.MissingRanges}) | {peakResident:0} MiB |"));
            return seen.Missing == 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void WaitFor(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > Limit)
            {
                throw new TimeoutException($"waited {Limit.TotalMinutes} min for {what}");
            }

            Thread.Sleep(2);
        }
    }
}
