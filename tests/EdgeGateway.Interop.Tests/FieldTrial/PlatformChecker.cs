using System.Globalization;

namespace EdgeGateway.Interop.Tests.FieldTrial;

/// <summary>
/// Judges what the trial's HJ 212 platforms hold as <see cref="LifeChecker"/> judges what the MQTT platform captured:
/// the same minutes (every one of the trial's period, also those the service was down or the platform away, with
/// every factor), no conflicting values, and, for the 2025 platform, the records stored while it was away re-sent
/// with RF=1, each outage bracketed by platform-lost and platform-restored on MQTT. Every frame was checked by the
/// simulator as it arrived; any problem it found is a failure here.
/// </summary>
internal sealed class PlatformChecker(IReadOnlyList<TrialPlatform> platforms, IReadOnlyList<PlatformOutage> outages, CapturedStream stream, FakeTimeline timeline)
{
    /// <summary>How long after a platform went away its platform-lost event may come.</summary>
    public static readonly TimeSpan LostWithin = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How far the service's event times may run ahead of the harness's marks: the service reads the clock libfaketime
    /// fakes, the harness computes the faked time itself, and an event the service stamps in the same instant came
    /// out before the harness's mark once in CI (platform-lost at H+00:25.0 for an outage marked at H+00:25.0).
    /// </summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(2);

    /// <summary>How long after a platform is back its platform-restored event may come: the longest re-dial delay (60 s) and a session's first exchange.</summary>
    public static readonly TimeSpan RestoredWithin = TimeSpan.FromSeconds(75);

    /// <summary>A record closed this long after a platform went away was stored while it was away.</summary>
    private static readonly TimeSpan AwayMargin = TimeSpan.FromSeconds(2);

    /// <summary>A record closed this long before a platform came back was stored while it was away (a minute closes with the first poll after it).</summary>
    private static readonly TimeSpan BackMargin = TimeSpan.FromSeconds(10);

    private readonly List<string> _failures = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<string> Failures => _failures;

    public IReadOnlyList<string> Notes => _notes;

    /// <summary>The site time the service writes DataTime in.</summary>
    public static DateTime Site(DateTimeOffset time) => time.ToOffset(FieldTrialCabinet.SiteOffset).DateTime;

    /// <summary>The minutes of [<paramref name="firstMinute"/>, <paramref name="endMinute"/>) the platform holds no 2051 of (site time).</summary>
    public static IReadOnlyList<DateTime> MissingMinutes(TrialPlatform platform, DateTimeOffset firstMinute, DateTimeOffset endMinute) =>
        platform.Simulator.Store.MissingMinutes(platform.Mn, Site(firstMinute), Site(endMinute.AddMinutes(-1)));

    /// <summary>Runs every check for the minutes [firstMinute, endMinute) and the hour that ended at the trial's hour boundary.</summary>
    public PlatformChecker CheckAll(DateTimeOffset firstMinute, DateTimeOffset endMinute)
    {
        foreach (var platform in platforms)
        {
            CheckFrames(platform);
            CheckMinutes(platform, firstMinute, endMinute);
            CheckHour(platform, timeline.Hour.AddHours(-1));
            CheckConflicts(platform);
            foreach (var outage in outages.Where(outage => outage.Platform == platform.Name))
            {
                CheckResent(platform, outage);
                CheckEvents(outage);
            }

            var received = platform.Simulator.Received;
            _notes.Add($"platform {platform.Name} ({(platform.Is2025 ? "2025" : "2017")}): {received.Count} frames on {platform.Simulator.Connections.Count} connections, "
                + $"{received.Count(packet => packet.Rf == "1")} with RF=1, {received.Count(packet => packet.Cn == "2081")} 2081, "
                + $"{platform.Simulator.Store.DuplicatesOf(platform.Mn)} records delivered again under a new QN, "
                + $"{platform.Simulator.Store.ConflictsOf(platform.Mn).Count} conflicting items");
        }

        return this;
    }

    private string T(DateTimeOffset time) => $"{time:HH:mm:ss} ({timeline.Describe(time)})";

    private void CheckFrames(TrialPlatform platform)
    {
        var problems = platform.Simulator.Problems;
        if (problems.Count > 0)
        {
            _failures.Add($"[platform frames] {platform.Name}: the platform simulator found {problems.Count} problem(s) in the frames it received: {string.Join("; ", problems.Take(8))}");
        }

        if (platform.Is2025 && !platform.Simulator.RecordsOf("2051").Any(packet => packet.Raw.Contains("CP=&&{0x", StringComparison.Ordinal)))
        {
            _failures.Add($"[platform frames] {platform.Name}: no minute record arrived encrypted (SM4, CP=&&{{0x…), though its gateway.json entry has a key file");
        }
    }

    private void CheckMinutes(TrialPlatform platform, DateTimeOffset firstMinute, DateTimeOffset endMinute)
    {
        var store = platform.Simulator.Store;
        var missing = MissingMinutes(platform, firstMinute, endMinute);
        if (missing.Count > 0)
        {
            _failures.Add($"[platform minutes] {platform.Name}: {missing.Count} of the {(int)(endMinute - firstMinute).TotalMinutes} minutes {Site(firstMinute):HH:mm}..{Site(endMinute.AddMinutes(-1)):HH:mm} (site time) have no 2051 record: "
                + string.Join(", ", missing.Select(minute => $"{minute:HH:mm} ({timeline.Describe(new DateTimeOffset(minute, FieldTrialCabinet.SiteOffset))})")));
        }

        // Every factor the platform ever got a minute of, in every minute (valid or flagged, as the MQTT side requires every channel).
        var records = new List<(DateTime Minute, HashSet<string> Codes)>();
        for (var minute = Site(firstMinute); minute < Site(endMinute); minute = minute.AddMinutes(1))
        {
            if (store.Find(platform.Mn, "2051", minute) is { } record)
            {
                records.Add((minute, record.Values.Keys.Where(item => item.EndsWith("-Flag", StringComparison.Ordinal)).Select(item => item[..^"-Flag".Length]).ToHashSet(StringComparer.Ordinal)));
            }
        }

        var codes = records.SelectMany(record => record.Codes).ToHashSet(StringComparer.Ordinal);
        var incomplete = records.Where(record => record.Codes.Count < codes.Count).Select(record => $"{record.Minute:HH:mm} lacks {string.Join(", ", codes.Except(record.Codes).Order(StringComparer.Ordinal))}").ToList();
        if (incomplete.Count > 0)
        {
            _failures.Add($"[platform minutes] {platform.Name}: {incomplete.Count} minute records lack factors the others carry ({codes.Count}: {string.Join(", ", codes.Order(StringComparer.Ordinal))}): {string.Join("; ", incomplete.Take(10))}");
        }
    }

    private void CheckHour(TrialPlatform platform, DateTimeOffset hour)
    {
        if (platform.Simulator.Store.Find(platform.Mn, "2061", Site(hour)) is null)
        {
            var held = platform.Simulator.Store.TimesOf(platform.Mn, "2061");
            _failures.Add($"[platform hours] {platform.Name}: no 2061 record of the hour {Site(hour):yyyy-MM-dd HH}:00 (site time), which ended at the trial's hour boundary; it holds {(held.Count == 0 ? "none" : string.Join(", ", held.Select(time => time.ToString("HH:mm", CultureInfo.InvariantCulture))))}");
        }
    }

    private void CheckConflicts(TrialPlatform platform)
    {
        var conflicts = platform.Simulator.Store.ConflictsOf(platform.Mn);
        if (conflicts.Count > 0)
        {
            _failures.Add($"[platform conflicts] {platform.Name}: {conflicts.Count} item(s) arrived again with another value: {string.Join("; ", conflicts.Take(8).Select(conflict => $"{conflict.Cn} {conflict.DataTime:HH:mm:ss} {conflict.Item} {conflict.Stored} then {conflict.Received}"))}");
        }
    }

    private void CheckEvents(PlatformOutage outage)
    {
        var source = "hj212:" + outage.Platform;
        var name = $"the {outage.Description} of platform {outage.Platform} ({T(outage.Start)} to {T(outage.End)})";
        var events = stream.Events.Where(item => item.Source == source && item.Kind is "platform-lost" or "platform-restored").ToList();
        var described = events.Count == 0 ? "none" : string.Join(", ", events.Select(item => $"{item.Kind} at {T(item.Time)}"));
        if (!events.Any(item => item.Kind == "platform-lost" && item.Time >= outage.Start - ClockSkew && item.Time <= outage.Start + LostWithin))
        {
            _failures.Add($"[platform events] no platform-lost event for {name} within {LostWithin.TotalSeconds:0} s of its start; events of {source}: {described}");
        }

        if (!events.Any(item => item.Kind == "platform-restored" && item.Time >= outage.End - ClockSkew && item.Time <= outage.End + RestoredWithin))
        {
            _failures.Add($"[platform events] no platform-restored event for {name} within {RestoredWithin.TotalSeconds:0} s of its end; events of {source}: {described}");
        }

        if (events.Any(item => item.Kind == "platform-restored" && item.Time > outage.Start + LostWithin && item.Time < outage.End))
        {
            _failures.Add($"[platform events] platform-restored while platform {outage.Platform} was still away, during {name}: {described}");
        }
    }

    /// <summary>Records that closed while the platform was away can only have come from its backlog: 2025 marks them RF=1.</summary>
    private void CheckResent(TrialPlatform platform, PlatformOutage outage)
    {
        var awayFrom = outage.Start + AwayMargin;
        var awayTo = outage.End - BackMargin;
        var stored = new List<(string Cn, string Qn, DateTime DataTime, string? Rf)>();
        foreach (var (cn, length) in new[] { ("2051", TimeSpan.FromMinutes(1)), ("2011", TimeSpan.Zero) })
        {
            foreach (var packet in platform.Simulator.RecordsOf(cn))
            {
                if (packet.Packet is { } decoded && decoded.Cp.TryGetDataTime(out var dataTime))
                {
                    var closedAt = new DateTimeOffset(dataTime, FieldTrialCabinet.SiteOffset) + length;
                    if (closedAt >= awayFrom && closedAt <= awayTo)
                    {
                        stored.Add((cn, decoded.Qn ?? "?", dataTime, packet.Rf));
                    }
                }
            }
        }

        var name = $"the {outage.Description} of platform {outage.Platform} ({T(outage.Start)} to {T(outage.End)})";
        if (!stored.Any(item => item.Cn == "2051"))
        {
            _failures.Add($"[platform re-sends] {platform.Name}: no minute record that closed during {name} ever arrived");
            return;
        }

        if (!platform.Is2025)
        {
            return;
        }

        var unmarked = stored.Where(item => item.Rf != "1").ToList();
        if (unmarked.Count > 0)
        {
            _failures.Add($"[platform re-sends] {platform.Name}: {unmarked.Count} of the {stored.Count} records stored during {name} arrived without RF=1 (a 2025 platform is told a re-send by RF=1): "
                + string.Join(", ", unmarked.Take(10).Select(item => $"{item.Cn} DataTime {item.DataTime:HH:mm:ss} QN {item.Qn} RF={item.Rf ?? "(none)"}")));
        }
        else
        {
            _notes.Add($"platform {platform.Name}: the {stored.Count} records stored during {name} all arrived with RF=1");
        }
    }
}
