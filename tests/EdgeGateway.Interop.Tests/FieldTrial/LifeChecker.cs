using System.Globalization;

namespace EdgeGateway.Interop.Tests.FieldTrial;

/// <summary>
/// The field trial's independent checker: judges what the platform captured (and the start log) against what a
/// cabinet's life must yield, without any of the gateway's code. Each finding names what broke; an empty
/// <see cref="Failures"/> means the life was lived without loss.
/// </summary>
internal sealed class LifeChecker(CapturedStream stream, IReadOnlyList<ServiceStart> starts, IReadOnlyList<AnalyzerOutage> outages, FakeTimeline timeline)
{
    /// <summary>How long after an analyzer falls silent its comm-loss event may come.</summary>
    public static readonly TimeSpan CommLossWithin = TimeSpan.FromSeconds(30);

    /// <summary>How long after an analyzer is back its comm-restored event and first good reading may come.</summary>
    /// <remarks>
    /// What the gateway promises (docs/configuration.md): a silent device is asked again within
    /// <c>probeInterval</c>, a lost port is reopened within <c>reopenMaxDelay</c>; the first good reading is then the
    /// next poll's, up to one poll interval later, and one second more is the exchange and the connect. An allowance
    /// of the delay alone failed a life whose CEMS came back at the very start of a 10 s back-off.
    /// </remarks>
    public static readonly TimeSpan RecoveryWithin =
        (FieldTrialCabinet.ProbeInterval > FieldTrialCabinet.ReopenMaxDelay ? FieldTrialCabinet.ProbeInterval : FieldTrialCabinet.ReopenMaxDelay)
        + FieldTrialCabinet.PollInterval + TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between flag-B readings of a silent analyzer's channel: the poll interval plus the
    /// request timeouts and retries of one cycle.</summary>
    public static readonly TimeSpan BReadingsAtMost = FieldTrialCabinet.PollInterval + TimeSpan.FromSeconds(3);

    /// <summary>Time after READY=1 before a restarted gateway's B readings are due.</summary>
    private static readonly TimeSpan StartupGrace = TimeSpan.FromSeconds(5);

    private readonly List<string> _failures = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<string> Failures => _failures;

    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Runs every check; minute records are required for the minutes [firstMinute, endMinute).</summary>
    public LifeChecker CheckAll(DateTimeOffset firstMinute, DateTimeOffset endMinute)
    {
        CheckStarts();
        CheckReadable();
        CheckSequences();
        CheckMinuteRecords(firstMinute, endMinute);
        return CheckOutages();
    }

    /// <summary>Judges each analyzer outage: its comm events, its B readings, and how soon it was read again.</summary>
    public LifeChecker CheckOutages()
    {
        foreach (var outage in outages)
        {
            CheckOutage(outage);
        }

        return this;
    }

    private string T(DateTimeOffset time) => $"{time:HH:mm:ss.f} ({timeline.Describe(time)})";

    private void CheckStarts()
    {
        foreach (var start in starts)
        {
            if (start.ExpectRefusal)
            {
                if (start.ReadyAt is not null || start.Ending is null || !start.Ending.StartsWith("exited by itself", StringComparison.Ordinal) || start.ExitCode == 0)
                {
                    _failures.Add($"[second instance] start #{start.Number} ({start.Purpose}) on the same config as the running service was not refused: {start}; a second instance must exit non-zero at once, naming the running one"
                        + Tail(start));
                }

                continue;
            }

            if (start.ReadyAt is null)
            {
                _failures.Add($"[service start] start #{start.Number} ({start.Purpose}) at {T(start.StartedAt)} never reached READY=1: {start}" + Tail(start));
            }
            else if (start.Ending is { } ending && ending.StartsWith("exited by itself", StringComparison.Ordinal))
            {
                _failures.Add($"[unplanned exit] start #{start.Number} ({start.Purpose}) {ending} at {T(start.EndedAt!.Value)}, exit code {start.ExitCode}" + Tail(start));
            }
        }
    }

    private void CheckReadable()
    {
        foreach (var message in stream.Unreadable.Take(5))
        {
            _failures.Add($"[contract] a message does not read as docs/platform-contract.md describes: {message}");
        }
    }

    private void CheckSequences()
    {
        if (stream.Sequences.Count == 0)
        {
            _failures.Add("[sequences] the platform received no data message at all");
            return;
        }

        if (stream.Sequences.Count > 1)
        {
            var quarantined = stream.Events.Where(item => item.Kind == "store-quarantined").Select(item => item.Text).ToList();
            _failures.Add($"[sequences] the store id changed during the trial ({stream.Sequences.Count} store ids: {string.Join(", ", stream.Sequences.Keys)}): the gateway began a new store"
                + (quarantined.Count == 0 ? " without a store-quarantined event" : $" ({string.Join("; ", quarantined)})"));
        }

        foreach (var (store, covered) in stream.Sequences)
        {
            var lost = stream.Events.Where(item => item.StoreId == store).SelectMany(item => item.LostRanges).ToList();
            var missing = new List<long>();
            var explained = new List<long>();
            for (var sequence = 1L; sequence <= covered.Max; sequence++)
            {
                if (!covered.Contains(sequence))
                {
                    (lost.Any(range => sequence >= range.First && sequence <= range.Last) ? explained : missing).Add(sequence);
                }
            }

            if (explained.Count > 0)
            {
                _notes.Add($"store {store}: {explained.Count} sequences missing, announced by data-evicted events ({Ranges(explained)})");
            }

            if (missing.Count > 0)
            {
                _failures.Add($"[sequences] store {store}: {missing.Count} of 1..{covered.Max} never arrived and no data-evicted event announced them: {Ranges(missing)}");
            }
        }
    }

    private void CheckMinuteRecords(DateTimeOffset firstMinute, DateTimeOffset endMinute)
    {
        var minutes = stream.Aggregates.Where(record => record.Period == "minute").ToList();
        var channels = minutes.Select(record => (record.Outlet, record.Channel)).Distinct().OrderBy(key => key.Outlet).ThenBy(key => key.Channel).ToList();
        if (channels.Count == 0)
        {
            _failures.Add("[minute records] the platform received no minute record at all");
            return;
        }

        var present = minutes.Select(record => (record.Outlet, record.Channel, record.Start)).ToHashSet();
        var gaps = new List<string>();
        for (var minute = firstMinute; minute < endMinute; minute = minute.AddMinutes(1))
        {
            var absent = channels.Where(key => !present.Contains((key.Outlet, key.Channel, minute))).ToList();
            if (absent.Count > 0)
            {
                gaps.Add($"{minute:HH:mm} ({timeline.Describe(minute)}): " + (absent.Count == channels.Count ? $"all {channels.Count} channels" : string.Join(", ", absent.Select(key => key.Channel))));
            }
        }

        if (gaps.Count > 0)
        {
            _failures.Add($"[minute records] {gaps.Count} of the {(int)(endMinute - firstMinute).TotalMinutes} minutes {firstMinute:HH:mm}..{endMinute.AddMinutes(-1):HH:mm} lack a record (valid or flagged) for channels of outlet(s) {string.Join(", ", channels.Select(key => key.Outlet).Distinct())}: {string.Join("; ", gaps)}");
        }

        foreach (var group in minutes.GroupBy(record => (record.Outlet, record.Channel, record.Start)).Where(group => group.Select(record => record.Content).Distinct().Count() > 1).Take(5))
        {
            var versions = group.GroupBy(record => record.Content).Select(version => $"sequence {string.Join("/", version.Select(record => record.Sequence))}: {version.Key}");
            _failures.Add($"[minute records] contradicting records for {group.Key.Outlet} {group.Key.Channel} at {group.Key.Start:HH:mm}: {string.Join(" | ", versions)}");
        }
    }

    private void CheckOutage(AnalyzerOutage outage)
    {
        var name = $"the {outage.Description} of {outage.Device} ({T(outage.Start)} to {T(outage.End)})";
        bool Ours(CapturedEvent item) => item.Source == outage.Device || item.Source == outage.Bus || item.Source.StartsWith(outage.Device + ".", StringComparison.Ordinal);
        var comm = stream.Events.Where(item => item.Kind is "comm-loss" or "comm-restored" && Ours(item)).ToList();
        if (!comm.Any(item => item.Kind == "comm-loss" && item.Time >= outage.Start && item.Time <= outage.Start + CommLossWithin))
        {
            _failures.Add($"[comm events] no comm-loss event for {name} within {CommLossWithin.TotalSeconds:0} s of its start; comm events of {outage.Device}: {Describe(comm)}");
        }

        if (!comm.Any(item => item.Kind == "comm-restored" && item.Time >= outage.End && item.Time <= outage.End + RecoveryWithin))
        {
            _failures.Add($"[comm events] no comm-restored event for {name} within {RecoveryWithin.TotalSeconds:0} s of its end; comm events of {outage.Device}: {Describe(comm)}");
        }

        var early = comm.Where(item => item.Kind == "comm-restored" && item.Time > outage.Start + CommLossWithin && item.Time < outage.End).ToList();
        if (early.Count > 0)
        {
            _failures.Add($"[comm events] comm-restored while {outage.Device} was still silent, during {name}: {Describe(early)}");
        }

        var prefix = outage.Device + ".";
        var readings = stream.Readings.Where(reading => reading.Channel.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var channelNames = readings.Select(reading => reading.Channel).Distinct().Order(StringComparer.Ordinal).ToList();
        var worst = (Channel: string.Empty, From: DateTimeOffset.MinValue, To: DateTimeOffset.MinValue);
        foreach (var (from, to) in UpWindows(outage.Start + TimeSpan.FromSeconds(3), outage.End - TimeSpan.FromSeconds(1)))
        {
            foreach (var channel in channelNames)
            {
                var times = readings.Where(reading => reading.Channel == channel && reading.Flag == "B" && reading.Time >= from && reading.Time <= to).Select(reading => reading.Time).Order().ToList();
                var previous = from;
                foreach (var time in times.Append(to))
                {
                    if (time - previous > worst.To - worst.From)
                    {
                        worst = (channel, previous, time);
                    }

                    previous = time;
                }
            }
        }

        if (worst.To - worst.From > BReadingsAtMost)
        {
            _failures.Add($"[B readings] during {name} channel {worst.Channel} had no flag-B reading for {(worst.To - worst.From).TotalSeconds:0.0} s ({T(worst.From)} to {T(worst.To)}) while the gateway was up; a silent analyzer's channels must be reported flag B at the poll interval ({FieldTrialCabinet.PollInterval.TotalSeconds:0} s, allowed pause {BReadingsAtMost.TotalSeconds:0} s)");
        }

        var recovered = readings.Where(reading => reading.Time >= outage.End && reading.Flag != "B").Select(reading => (DateTimeOffset?)reading.Time).FirstOrDefault();
        if (recovered is null || recovered > outage.End + RecoveryWithin)
        {
            _failures.Add($"[recovery] after {name} the first reading without flag B came {(recovered is { } at ? $"only at {T(at)}, {(at - outage.End).TotalSeconds:0.0} s after the analyzer was back" : "never")}; allowed {RecoveryWithin.TotalSeconds:0} s");
        }
    }

    /// <summary>The parts of [from, to] when a started gateway was up (from READY=1 plus a grace to its end).</summary>
    private IEnumerable<(DateTimeOffset From, DateTimeOffset To)> UpWindows(DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var start in starts.Where(start => !start.ExpectRefusal && start.ReadyAt is not null))
        {
            var upFrom = start.ReadyAt!.Value + StartupGrace;
            var upTo = (start.EndedAt ?? DateTimeOffset.MaxValue) - TimeSpan.FromSeconds(1);
            var windowFrom = upFrom > from ? upFrom : from;
            var windowTo = upTo < to ? upTo : to;
            if (windowTo > windowFrom)
            {
                yield return (windowFrom, windowTo);
            }
        }
    }

    private string Describe(IReadOnlyList<CapturedEvent> events) =>
        events.Count == 0 ? "none" : string.Join(", ", events.Select(item => $"{item.Kind} at {T(item.Time)}"));

    private static string Tail(ServiceStart start) =>
        string.IsNullOrEmpty(start.OutputTail) ? string.Empty : "\n    its last output:\n    " + string.Join("\n    ", start.OutputTail.Split('\n').TakeLast(12));

    private static string Ranges(IReadOnlyList<long> sequences)
    {
        var ranges = new List<string>();
        for (var index = 0; index < sequences.Count;)
        {
            var first = sequences[index];
            var last = first;
            while (index + 1 < sequences.Count && sequences[index + 1] == last + 1)
            {
                last = sequences[++index];
            }

            index++;
            ranges.Add(first == last ? first.ToString(CultureInfo.InvariantCulture) : $"{first}-{last}");
        }

        return string.Join(", ", ranges.Take(20)) + (ranges.Count > 20 ? $" and {ranges.Count - 20} more ranges" : string.Empty);
    }
}
