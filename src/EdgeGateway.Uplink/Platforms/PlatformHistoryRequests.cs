using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Storage;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// 2031/2051/2061 with BeginTime and EndTime (site time, <c>;</c> or <c>,</c> between them, both inclusive): every
/// stored record whose window starts in the range, acknowledged or not, grouped by window as the uploads are, with
/// new QNs and CN = the request's; with replies wanted one packet at a time, each after the previous one's 9014.
/// 2013 (HJ 212-2025 raw data) the same way from the stored readings polled in the range: one packet per poll instant,
/// <c>-Rtd</c> and <c>-Flag</c> per factor as a 2011. With a MinInterval N above 1 (1064) a 2051 answers N-minute
/// records, as the uploads do (<see cref="PlatformMinuteWindows"/>): the windows starting in the range. An empty range ends <c>ExeRtn=100</c>, and so do 2041
/// (equipment run time) and 2062 (2025 standard-check data), which the gateway does not keep. The outbox is only
/// read: what the platform is owed stays owed to the uploads.
/// </summary>
internal sealed class PlatformHistoryRequests(PlatformLinkContext context)
{
    private const int PageSize = 2000;

    public async Task<string> HandleAsync(PlatformReplies replies, int cn)
    {
        var cp = replies.Request.Cp;
        if (!cp.TryGetTime(Hj212FieldNames.BeginTime, out var begin) || !cp.TryGetTime(Hj212FieldNames.EndTime, out var end) || begin > end)
        {
            return await PlatformRequestHandler.RunAsync(replies, () => Task.FromResult(Hj212ExeRtn.RequestConditionError)).ConfigureAwait(false);
        }

        return await PlatformRequestHandler.RunAsync(replies, () => SendAsync(replies, cn, begin, end)).ConfigureAwait(false);
    }

    private async Task<Hj212ExeRtn> SendAsync(PlatformReplies replies, int cn, DateTime begin, DateTime end)
    {
        var fromUtc = new DateTimeOffset(DateTime.SpecifyKind(begin, DateTimeKind.Unspecified), context.Options.SiteOffset);
        var toUtc = new DateTimeOffset(DateTime.SpecifyKind(end, DateTimeKind.Unspecified), context.Options.SiteOffset).AddSeconds(1);
        AggregatePeriod period;
        switch (cn)
        {
            case (int)Hj212CommandCode.RawData:
                return await SendAsync(replies, ReadReadings(fromUtc, toUtc), Hj212CommandCode.RawData).ConfigureAwait(false);
            case (int)Hj212CommandCode.MinuteData when context.MinuteIntervalMinutes > 1:
                return await SendAsync(replies, ReadMinuteIntervals(fromUtc, toUtc, context.MinuteIntervalMinutes), Hj212CommandCode.RealTimeData).ConfigureAwait(false);
            case (int)Hj212CommandCode.MinuteData:
                period = AggregatePeriod.Minute;
                break;
            case (int)Hj212CommandCode.HourData:
                period = AggregatePeriod.Hour;
                break;
            case (int)Hj212CommandCode.DayData:
                period = AggregatePeriod.Day;
                break;
            default:
                return Hj212ExeRtn.NoData;
        }

        return await SendAsync(replies, Read(period, fromUtc, toUtc), Hj212CommandCode.RealTimeData).ConfigureAwait(false);
    }

    private async Task<Hj212ExeRtn> SendAsync(PlatformReplies replies, List<OutboxEntry> entries, Hj212CommandCode readingsCommand)
    {
        var messages = context.Encoder.Encode(entries, readingsCommand);
        if (messages.Count == 0)
        {
            return Hj212ExeRtn.NoData;
        }

        var session = replies.Session;
        foreach (var message in messages)
        {
            foreach (var frame in PlatformFrames.Split(message.Payload))
            {
                if (!await session.ExchangeAsync(frame, PlatformFrames.QnOf(frame), context.Options.RepliesWanted).ConfigureAwait(false))
                {
                    session.Fail($"a history record was not answered after {session.ReCount} re-sends");
                    throw new OperationCanceledException(session.Ending);
                }
            }
        }

        return Hj212ExeRtn.Success;
    }

    // Paged by poll time; a page boundary inside one poll instant reads that instant again, so readings are de-duplicated.
    private List<OutboxEntry> ReadReadings(DateTimeOffset fromUtc, DateTimeOffset toUtc)
    {
        var outbox = context.Dependencies.Outbox;
        var entries = new List<OutboxEntry>();
        var seen = new HashSet<long>();
        var from = fromUtc;
        while (entries.Count < context.Dependencies.MaxHistoryRecords)
        {
            var page = outbox.ReadReadings(from, toUtc, PageSize);
            var fresh = page.Where(reading => seen.Add(reading.Sequence)).ToList();
            entries.AddRange(fresh);
            if (page.Count < PageSize || fresh.Count == 0)
            {
                break;
            }

            from = page[^1].Reading.Timestamp;
        }

        // In sequence order already (a poll's readings stay together for the encoder); a clock step back is kept as stored.
        entries.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return entries.Count > context.Dependencies.MaxHistoryRecords ? entries[..context.Dependencies.MaxHistoryRecords] : entries;
    }

    // MinInterval N > 1: the N-minute windows starting in the range, each combined from all its 1-minute records (read
    // up to the last window's end); stand-in sequences, consecutive, so the encoder groups each window's channels.
    private List<OutboxEntry> ReadMinuteIntervals(DateTimeOffset fromUtc, DateTimeOffset toUtc, int minutes)
    {
        var offset = context.Options.SiteOffset;
        var readTo = MinuteIntervalRecords.WindowStart(toUtc.AddTicks(-1), minutes, offset).AddMinutes(minutes);
        var records = Read(AggregatePeriod.Minute, fromUtc, readTo).Cast<OutboxAggregate>().Select(entry => entry.Record).ToList();
        var windows = records
            .Where(MinuteIntervalRecords.IsOneMinute)
            .GroupBy(record => (record.Outlet, Start: MinuteIntervalRecords.WindowStart(record.StartUtc, minutes, offset)))
            .Where(window => window.Key.Start >= fromUtc && window.Key.Start < toUtc)
            .OrderBy(window => window.Key.Start)
            .SelectMany(window => MinuteIntervalRecords.Combine(window.ToList(), window.Key.Start, minutes, offset));
        var kept = records.Where(record => !MinuteIntervalRecords.IsOneMinute(record) && record.StartUtc < toUtc);
        return windows.Concat(kept)
            .OrderBy(record => record.StartUtc)
            .Select((record, index) => (OutboxEntry)new OutboxAggregate(index + 1, record))
            .ToList();
    }

    // Paged by window start; a page boundary inside a window reads that window again, so records are de-duplicated.
    private List<OutboxEntry> Read(AggregatePeriod period, DateTimeOffset fromUtc, DateTimeOffset toUtc)
    {
        var outbox = context.Dependencies.Outbox;
        var entries = new List<OutboxEntry>();
        var seen = new HashSet<long>();
        var from = fromUtc;
        while (entries.Count < context.Dependencies.MaxHistoryRecords)
        {
            var page = outbox.ReadAggregates(period, from, toUtc, PageSize);
            var fresh = page.Where(record => seen.Add(record.Sequence)).ToList();
            entries.AddRange(fresh);
            if (page.Count < PageSize || fresh.Count == 0)
            {
                break;
            }

            from = page[^1].Record.StartUtc;
        }

        entries.Sort((a, b) => a.Timestamp != b.Timestamp ? a.Timestamp.CompareTo(b.Timestamp) : a.Sequence.CompareTo(b.Sequence));
        return entries.Count > context.Dependencies.MaxHistoryRecords ? entries[..context.Dependencies.MaxHistoryRecords] : entries;
    }
}
