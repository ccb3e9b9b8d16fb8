using System.Diagnostics;
using System.Globalization;
using System.Text;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Simulator.Hj212Platform;
using EdgeGateway.Storage;
using EdgeGateway.Testing.Uplink;
using EdgeGateway.Uplink.Platforms;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Benchmarks.Uplink;

/// <summary>
/// How long an HJ 212 platform that was unreachable for a day takes to get it back: an outbox holding
/// <c>--hours</c> of minute and hour records of <c>--channels</c> channels, none of them acknowledged for the platform,
/// drained by a <see cref="PlatformLink"/> (replies wanted: one packet in flight, each waiting for its 9014) through
/// <see cref="DelayRelay"/> to the repo's platform simulator. Each row is one relay delay; the simulator must end with
/// every minute and hour of the period, or the row says what is missing.
/// </summary>
internal static class PlatformResendBench
{
    private const string Mn = "010000A8900016F000169DC0";
    private const string Pw = "123456";
    private const string Key = "K3y-0f-Pr0v1nce!";

    public static int Run(string[] args, TextWriter output) => RunAsync(args, output).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var arguments = new BenchArguments(args);
        var hours = (int)arguments.Integer("--hours", 24);
        var channels = (int)arguments.Integer("--channels", 30);
        var edition = arguments.Text("--edition") == "2017" ? Hj212Edition.Edition2017 : Hj212Edition.Edition2025;
        var encrypted = edition == Hj212Edition.Edition2025 && arguments.Text("--encrypt") != "no";
        int[] delays = [.. (arguments.Text("--delay-ms") ?? "0,50").Split(',').Select(text => int.Parse(text, CultureInfo.InvariantCulture))];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"HJ 212 re-send of {hours} h offline: {hours * 60} minute + {hours} hour records of {channels} channels, edition {(edition == Hj212Edition.Edition2025 ? "2025" : "2017")}{(encrypted ? " with SM4" : "")}, replies wanted (OverTime 5 s); {ProcessCpu.Load()}"));
        output.WriteLine("| delay each way | round trip | packets sent | bytes/packet | time to drain | records/s | CPU (link + simulator + relay) | CPU per packet |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        var failures = 0;
        foreach (var delay in delays)
        {
            failures += await RunOneAsync(hours, channels, edition, encrypted, TimeSpan.FromMilliseconds(delay), output) ? 0 : 1;
        }

        return failures == 0 ? 0 : 1;
    }

    private static async Task<bool> RunOneAsync(int hours, int channels, Hj212Edition edition, bool encrypted, TimeSpan oneWay, TextWriter output)
    {
        var directory = Directory.CreateTempSubdirectory("egw-bench-platform-").FullName;
        var destination = PlatformDestinations.Of("province");
        // Not a conditional with null: ReadOnlyMemory<byte>'s conversion from byte[] turns that null into an empty,
        // non-null key.
        ReadOnlyMemory<byte>? key = null;
        if (encrypted)
        {
            key = Encoding.ASCII.GetBytes(Key);
        }
        try
        {
            using var outbox = SqliteOutbox.Open(new SqliteOutboxOptions
            {
                Path = Path.Combine(directory, "outbox.db"),
                Destinations = [OutboxDestinations.Mqtt, destination],
            });

            // Yesterday, on the hour: the day the platform was unreachable.
            var now = DateTimeOffset.UtcNow;
            var first = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-hours - 1);
            var table = Channels(channels);
            for (var hour = 0; hour < hours; hour++)
            {
                var hourStart = first.AddHours(hour);
                for (var minute = 0; minute < 60; minute++)
                {
                    outbox.Append([], Records(channels, AggregatePeriod.Minute, hourStart.AddMinutes(minute)), []);
                }

                outbox.Append([], Records(channels, AggregatePeriod.Hour, hourStart), []);
            }

            outbox.MakeDurable();
            var durability = new DurableSequenceSignal(outbox.DurableSequence);

            await using var simulator = Hj212PlatformSimulator.Start("127.0.0.1:0", new Hj212PlatformSimulatorOptions
            {
                Edition = edition,
                ExpectedMn = Mn,
                ExpectedPw = Pw,
                EncryptionKey = key,
            });
            await using var relay = new DelayRelay(simulator.Endpoint.Port, oneWay * 2);
            var options = new PlatformOptions
            {
                Name = "province",
                Host = "127.0.0.1",
                Port = relay.Port,
                Mn = Mn,
                Pw = Pw,
                Edition = edition,
                SystemCode = "31",
                RepliesWanted = true,
                OverTime = TimeSpan.FromSeconds(5),
                ReCount = 3,
                Uploads = PlatformUploads.Minute | PlatformUploads.Hour,
                EncryptionKey = key,
            };
            var dependencies = new PlatformLinkDependencies(
                outbox, durability, table, null, new TcpPlatformConnector(), new NoIdentityStore(), TimeProvider.System, NullLogger.Instance, now);

            var cpuBefore = ProcessCpu.Of(Environment.ProcessId);
            var wall = Stopwatch.StartNew();
            await using var link = new PlatformLink(options, dependencies);
            link.Start();
            var deadline = TimeSpan.FromHours(2);
            while (outbox.GetBacklog(destination).UnacknowledgedCount > 0 && wall.Elapsed < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }

            var elapsed = wall.Elapsed;
            var cpu = ProcessCpu.Of(Environment.ProcessId) - cpuBefore;
            var status = link.Status;
            var received = simulator.Received;
            var bytes = received.Count == 0 ? 0 : received.Average(packet => (double)Encoding.UTF8.GetByteCount(packet.Raw));
            var records = (hours * 61L) * channels;

            var site = TimeSpan.FromHours(8);
            var firstLocal = first.ToOffset(site).DateTime;
            var missingMinutes = simulator.Store.MissingMinutes(Mn, firstLocal, firstLocal.AddHours(hours).AddMinutes(-1));
            var missingHours = simulator.Store.MissingTimes(Mn, "2061", firstLocal, firstLocal.AddHours(hours - 1), TimeSpan.FromHours(1));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {oneWay.TotalMilliseconds:0} ms | {oneWay.TotalMilliseconds * 2:0} ms | {status.PacketsSent} | {bytes:0} | {elapsed.TotalSeconds:0.0} s | {records / elapsed.TotalSeconds:0} | {cpu.TotalSeconds:0.00} s | {cpu.TotalMilliseconds / Math.Max(1, status.PacketsSent):0.00} ms |"));
            var complete = missingMinutes.Count == 0 && missingHours.Count == 0 && simulator.Problems.Count == 0;
            if (!complete)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  INCOMPLETE: {missingMinutes.Count} minutes and {missingHours.Count} hours missing at the platform, {simulator.Problems.Count} problems; first: {simulator.Problems.FirstOrDefault()}"));
            }

            return complete;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static ChannelTable Channels(int count) => new(Enumerable.Range(0, count).Select(index => new ChannelDefinition(
        index, "cems", "ch" + index.ToString(CultureInfo.InvariantCulture), "a9" + index.ToString("D4", CultureInfo.InvariantCulture), "mg/m³", null)));

    private static AggregateRecord[] Records(int channels, AggregatePeriod period, DateTimeOffset startUtc) =>
        [.. Enumerable.Range(0, channels).Select(channel => period == AggregatePeriod.Minute
            ? SampleMinuteRecords.Of(channel, startUtc)
            : SampleMinuteRecords.Of(channel, startUtc, samples: 3600) with { Period = AggregatePeriod.Hour, Length = TimeSpan.FromHours(1) })];
}
