using System.Globalization;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Interop.Tests.Alarms;
using EdgeGateway.Interop.Tests.Mqtt;
using EdgeGateway.Simulator.Hj212Platform;

namespace EdgeGateway.Interop.Tests.Platforms;

/// <summary>
/// hj212-tcp.md part B 32: minute records survive a restart of the gateway and stay retrievable by a history request.
/// The service's own runtime reports to the three platforms of <see cref="ThreePlatformSite"/>, is stopped as the
/// service stops, stays down across two minute boundaries and is started again on the same state directory. Every
/// platform then holds every minute with no gap: the minutes of both runs with their values, the minute open at the
/// stop closed from its saved samples, and the minutes the gateway was down as empty B records (docs/data-quality.md,
/// "Restarts"); and a 2051 history request after the restart returns the first run's minutes as they were sent.
/// </summary>
public sealed class PlatformRecordsAcrossRestartTests
{
    // 17:59:55 site time (+08:00): the first run's polls from 18:00:05 fill the minutes 18:00 … 18:04.
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 59, 55, TimeSpan.Zero);
    private static readonly DateTime FirstMinute = new(2026, 3, 2, 18, 0, 0);
    private static readonly DateTime LastMinuteOfFirstRun = new(2026, 3, 2, 18, 4, 0);
    private static readonly DateTime LastMinute = new(2026, 3, 2, 18, 10, 0);
    private static readonly DateTime[] MinutesWhileDown = [new(2026, 3, 2, 18, 6, 0), new(2026, 3, 2, 18, 7, 0)];
    private const string Cod = "w01018";

    [Fact]
    public async Task After_a_restart_every_platform_has_every_minute_without_a_gap_and_history_returns_the_minutes_stored_before_it()
    {
        await using var site = await ThreePlatformSite.StartAsync(Start);
        var platforms = new (string Name, Hj212PlatformSimulator Simulator, string Mn)[]
        {
            ("city", site.City, ThreePlatformSite.CityMn),
            ("province", site.Province, ThreePlatformSite.ProvinceMn),
            ("park", site.Park, ThreePlatformSite.ParkMn),
        };

        // First run: up to 18:05:25 (the minute 18:05 is open when it stops), every closed minute confirmed.
        await using (var first = VirtualClockGateway.Start(site.ConfigFile, site.Clock))
        {
            first.Runtime.Platforms.Start();
            first.Play(TimeSpan.FromSeconds(330), TimeSpan.FromSeconds(10), site.Water.Update);
            await Poll.UntilAsync(
                () => platforms.All(p => p.Simulator.Store.MissingMinutes(p.Mn, FirstMinute, LastMinuteOfFirstRun).Count == 0),
                TimeSpan.FromMinutes(2),
                () => Missing(platforms, LastMinuteOfFirstRun));
            await first.Runtime.Platforms.StopAsync(CancellationToken.None);
            await first.StopAsync();
        }

        // Down for three minutes: 18:06 and 18:07 pass without it. Second run from 18:08:25 to 18:11:55 (18:10 closes).
        site.Clock.Advance(TimeSpan.FromMinutes(3));
        await using (var second = VirtualClockGateway.Start(site.ConfigFile, site.Clock))
        {
            second.Runtime.Platforms.Start();
            second.Play(TimeSpan.FromSeconds(210), TimeSpan.FromSeconds(10), site.Water.Update);
            await Poll.UntilAsync(
                () => platforms.All(p => p.Simulator.Store.MissingMinutes(p.Mn, FirstMinute, LastMinute).Count == 0),
                TimeSpan.FromMinutes(2),
                () => Missing(platforms, LastMinute));

            var begin = FirstMinute.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            var end = LastMinuteOfFirstRun.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            Assert.True(Hj212DataArea.TryParse($"BeginTime={begin};EndTime={end}", out var range, out var error), error);
            var cityHistory = await site.City.SendRequestAsync("2051", range, ThreePlatformSite.CityMn, cancellationToken: TestContext.Current.CancellationToken);
            var provinceHistory = await site.Province.SendRequestAsync("2051", range, ThreePlatformSite.ProvinceMn, cancellationToken: TestContext.Current.CancellationToken);

            await second.Runtime.Platforms.StopAsync(CancellationToken.None);
            await second.StopAsync();

            foreach (var (name, history) in new[] { ("city", cityHistory), ("province", provinceHistory) })
            {
                Assert.True(history is { QnRtn: 1, ExeRtn: 1 }, $"{name}: history request ended QnRtn={history.QnRtn}, ExeRtn={history.ExeRtn}, timed out {history.TimedOut}");
                // One packet a minute (the flow total is w00000-Cou of the flow, not a second w00000): the DataTimes in order, once each.
                var dataTimes = history.Data.Select(packet => packet.Cp.GetValue(Hj212FieldNames.DataTime)).ToList();
                Assert.True(
                    Enumerable.Range(0, 5).Select(minute => FirstMinute.AddMinutes(minute).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)).SequenceEqual(dataTimes),
                    $"{name}: history answered {string.Join(" | ", history.Data.Select(packet => $"{packet.Cp.GetValue(Hj212FieldNames.DataTime)} ({packet.Cp.ItemCount} items)"))}");
                Assert.All(
                    history.Data.Where(packet => packet.Cp.GetValue(Cod + "-Avg") is not null),
                    packet => Assert.Equal(42, double.Parse(packet.Cp.GetValue(Cod + "-Avg")!, CultureInfo.InvariantCulture), 3));
                Assert.Equal(5, history.Data.Count(packet => packet.Cp.GetValue(Cod + "-Avg") is not null));
            }
        }

        foreach (var (name, simulator, mn) in platforms)
        {
            // The minutes of both runs carry the analyzer's value (flagged B: six polls a minute are fewer than the
            // 12 valid samples a minute needs, docs/data-quality.md), the one open at the stop too, from its saved samples.
            foreach (var minute in Enumerable.Range(0, 6).Concat([9, 10]).Select(minute => FirstMinute.AddMinutes(minute)))
            {
                var record = simulator.Store.Find(mn, "2051", minute)!;
                Assert.True(record.Values.TryGetValue(Cod + "-Avg", out var average) && Math.Abs(double.Parse(average, CultureInfo.InvariantCulture) - 42) < 1e-3, $"{name}: {minute:HH:mm} {Describe(record)}");
            }

            // The minutes the gateway was down: records of their own with no value, flagged B.
            foreach (var minute in MinutesWhileDown)
            {
                var record = simulator.Store.Find(mn, "2051", minute)!;
                Assert.True(record.Values.GetValueOrDefault(Cod + "-Flag") == "B" && !record.Values.ContainsKey(Cod + "-Avg"), $"{name}: {minute:HH:mm} {Describe(record)}");
            }

            // A 2081 per start; the history answers agree with what came live (a different value would be a conflict).
            Assert.Equal(2, simulator.Received.Count(packet => packet.Cn == "2081"));
            var conflicts = simulator.Store.ConflictsOf(mn);
            Assert.True(conflicts.Count == 0, $"{name}: conflicting values: {string.Join("; ", conflicts.Take(10))}");
            Assert.True(simulator.Problems.Count == 0, $"{name}: {string.Join("; ", simulator.Problems.Take(10))}");
        }
    }

    private static string Missing((string Name, Hj212PlatformSimulator Simulator, string Mn)[] platforms, DateTime last) =>
        string.Join("; ", platforms.Select(p => $"{p.Name}: missing {string.Join(", ", p.Simulator.Store.MissingMinutes(p.Mn, FirstMinute, last).Select(minute => minute.ToString("HH:mm", CultureInfo.InvariantCulture)))}, "
            + $"{p.Simulator.Received.Count} packets received, {p.Simulator.Connections.Count} connections"));

    private static string Describe(Hj212StoredRecord record) =>
        string.Join(";", record.Values.Where(item => item.Key.StartsWith(Cod, StringComparison.Ordinal)).Select(item => $"{item.Key}={item.Value}"));
}
