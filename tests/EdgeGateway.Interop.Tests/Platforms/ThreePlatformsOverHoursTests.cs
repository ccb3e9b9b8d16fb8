using EdgeGateway.Interop.Tests.Alarms;
using EdgeGateway.Interop.Tests.Mqtt;
using EdgeGateway.Simulator.Hj212Platform;

namespace EdgeGateway.Interop.Tests.Platforms;

/// <summary>
/// Issue 16's done-when: the service's own runtime, from a gateway.json with three platforms, plays two hours of field
/// time while one platform is down; afterwards every platform holds every minute and hour record of the period, with
/// no gap and no conflicting value: the 2017 one and the SM4-encrypted 2025 one live, the one that was down from the
/// backlog, re-sent with RF=1.
/// </summary>
public sealed class ThreePlatformsOverHoursTests
{
    // 17:59:55 site time (+08:00): the polls from 18:00:05 on fill the minutes 18:00 … 19:59 and the hours 18 and 19.
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 59, 55, TimeSpan.Zero);
    private static readonly DateTime FirstMinute = new(2026, 3, 2, 18, 0, 0);
    private static readonly DateTime LastMinute = new(2026, 3, 2, 19, 59, 0);

    [Fact]
    public async Task Two_hours_with_one_platform_down_leave_every_platform_every_minute_and_hour_record_without_a_gap_or_conflict()
    {
        await using var site = await ThreePlatformSite.StartAsync(Start);
        site.Park.StopListening();

        await using (var gateway = VirtualClockGateway.Start(site.ConfigFile, site.Clock))
        {
            gateway.Runtime.Platforms.Start();

            // Two hours and a minute and a half of field time: the hour 19 closes with the first poll after 20:00.
            gateway.Play(TimeSpan.FromMinutes(121.5), TimeSpan.FromSeconds(10), site.Water.Update);
            Assert.Empty(site.Park.Received);

            // Everything the pipeline stored is durable before the park platform comes back, so all of it is its backlog.
            gateway.Runtime.Appender.MakeDurable();
            site.Park.ResumeListening();

            var platforms = new (string Name, Hj212PlatformSimulator Simulator, string Mn)[]
            {
                ("city", site.City, ThreePlatformSite.CityMn),
                ("province", site.Province, ThreePlatformSite.ProvinceMn),
                ("park", site.Park, ThreePlatformSite.ParkMn),
            };
            await Poll.UntilAsync(
                () => platforms.All(p => Complete(p.Simulator, p.Mn)),
                TimeSpan.FromMinutes(4),
                () => string.Join("; ", platforms.Select(p => $"{p.Name}: {p.Simulator.Store.MissingMinutes(p.Mn, FirstMinute, LastMinute).Count} minutes and "
                    + $"{MissingHours(p.Simulator, p.Mn).Count} hours missing, {p.Simulator.Received.Count} packets received, {p.Simulator.Connections.Count} connections")));

            await gateway.Runtime.Platforms.StopAsync(CancellationToken.None);
            await gateway.StopAsync();

            foreach (var (name, simulator, mn) in platforms)
            {
                // Every item arrives with one value however often it is sent (the flow total is w00000-Cou, not a second w00000).
                var conflicts = simulator.Store.ConflictsOf(mn);
                Assert.True(conflicts.Count == 0, $"{name}: conflicting values: {string.Join("; ", conflicts.Take(10))}");
                Assert.True(simulator.Problems.Count == 0, $"{name}: {string.Join("; ", simulator.Problems.Take(10))}");
                Assert.Contains(simulator.Received, packet => packet.Cn == "2081");
            }

            // The 2025 key worked: the province's minute records came encrypted and decrypted to valid packets.
            var provinceMinutes = site.Province.RecordsOf("2051");
            Assert.All(provinceMinutes, packet => Assert.True(packet.IsValid, $"province: {packet.Raw}"));
            Assert.Contains(provinceMinutes, packet => packet.Raw.Contains("CP=&&{0x", StringComparison.Ordinal));

            // The city (2017) never sees RF; the park, down while all of it was stored, got all of it as re-sends (RF=1).
            Assert.All(site.City.Received, packet => Assert.Null(packet.Rf));
            var parkRecords = site.Park.RecordsOf("2051").Concat(site.Park.RecordsOf("2061")).ToList();
            Assert.NotEmpty(parkRecords);
            Assert.All(parkRecords, packet => Assert.True(packet.Rf == "1", $"park: a record of the outage without RF=1: {packet.Raw}"));
        }
    }

    private static bool Complete(Hj212PlatformSimulator simulator, string mn) =>
        simulator.Store.MissingMinutes(mn, FirstMinute, LastMinute).Count == 0 && MissingHours(simulator, mn).Count == 0;

    private static IReadOnlyList<DateTime> MissingHours(Hj212PlatformSimulator simulator, string mn) =>
        simulator.Store.MissingTimes(mn, "2061", FirstMinute, FirstMinute.AddHours(1), TimeSpan.FromHours(1));
}
