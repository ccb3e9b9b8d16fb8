using System.Globalization;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Hj212.Splitting;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Storage;
using EdgeGateway.Uplink.Contract;

namespace EdgeGateway.Uplink.Hj212;

/// <summary>
/// Payload mode "hj212": outbox entries as HJ 212-2017 frames on topic <see cref="TopicSuffix"/>. The readings of one
/// poll instant make one CN 2011 packet; consecutive minute, hour or day records of one window and outlet make one CN
/// 2051, 2061 or 2031 packet (DataTime = window start in site time). A packet over the size limits is split with
/// PNUM/PNO; its parts travel in one message, each frame ending in CR LF as on the wire, so one message is one
/// logical packet and its range is exactly the records in it.
/// </summary>
/// <remarks>
/// Events are not HJ 212 data: no message carries them, which tells <see cref="OutboxPublisher"/> to acknowledge them
/// with the batch. The JSON topic carries events; use <see cref="CompositeUplinkEncoder"/> (mode "both") to keep them.
/// A record whose channel has no factor code is left out the same way, and so are totalisers (their increase is the
/// rate's -Cou), channels the site keeps out of HJ 212 (gateway.json <c>hj212.exclude</c>), and the readings of run-state channels:
/// only a platform link (<see cref="Platforms.PlatformLink"/>) sends them, as CN 2021, when its platform asks.
/// </remarks>
public sealed class Hj212UplinkEncoder : IUplinkEncoder
{
    /// <summary>The topic below the root the frames go to.</summary>
    public const string TopicSuffix = "hj212";

    private readonly ChannelTable _channels;
    private readonly Hj212UplinkOptions _options;
    private readonly Hj212NumberFormat _numbers;
    private readonly Hj212QnClock _qnClock;
    private readonly int _reservedHeaderBytes;
    private readonly bool _platformSelection;

    public Hj212UplinkEncoder(ChannelTable channels, Hj212UplinkOptions options, TimeProvider? time = null)
        : this(channels, options, SiteQnClock(options, time ?? TimeProvider.System))
    {
    }

    /// <summary>
    /// An encoder whose QNs come from <paramref name="qnClock"/>: a platform link shares one clock between its uploads,
    /// heartbeats and answers, so no two of its packets get the same QN (replies are matched by QN).
    /// <paramref name="reservedHeaderBytes"/> are kept free in every data segment for a header field added later
    /// (HJ 212-2025 <c>RF=1;</c> on re-sent packets), so the packet still fits 1024 bytes then.
    /// With <paramref name="platformSelection"/> the entries are what a platform link selected of the records it owes
    /// (<see cref="Platforms.PlatformRecordStream"/>): the readings between two of a poll's were acknowledged for it
    /// unsent, so one poll's packet may skip sequences; and the poll's run-state readings make a 2021 packet, sent in
    /// the same message right after its 2011.
    /// </summary>
    internal Hj212UplinkEncoder(ChannelTable channels, Hj212UplinkOptions options, Hj212QnClock qnClock, int reservedHeaderBytes = 0, bool platformSelection = false)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(qnClock);
        options.Validate();
        _channels = channels;
        _options = options;
        _numbers = new Hj212NumberFormat(options.DefaultDecimals, options.DecimalsByFactor);
        _qnClock = qnClock;
        _reservedHeaderBytes = reservedHeaderBytes;
        _platformSelection = platformSelection;
    }

    public Hj212UplinkOptions Options => _options;

    public IReadOnlyList<UplinkMessage> Encode(IReadOnlyList<OutboxEntry> entries) => Encode(entries, Hj212CommandCode.RealTimeData);

    /// <summary>As <see cref="Encode(IReadOnlyList{OutboxEntry})"/>, the readings of a poll instant under <paramref name="readingsCommand"/> (2013 raw data answers a history request).</summary>
    internal IReadOnlyList<UplinkMessage> Encode(IReadOnlyList<OutboxEntry> entries, Hj212CommandCode readingsCommand)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var messages = new List<UplinkMessage>();
        var index = 0;
        while (index < entries.Count)
        {
            switch (entries[index])
            {
                case OutboxReading:
                    index = EncodePoll(entries, index, readingsCommand, messages);
                    break;
                case OutboxAggregate:
                    index = EncodeWindow(entries, index, messages);
                    break;
                case OutboxEvent:
                    index++;
                    break;
                default:
                    throw new ArgumentException($"Unknown outbox entry {entries[index].GetType().Name}.", nameof(entries));
            }
        }

        return messages;
    }

    // Consecutive readings of one instant with consecutive sequences (ascending ones in a platform's selection); a
    // factor or facility seen twice (two channels with one code) starts a new packet, since a CP area must not name a
    // field twice. Run-state readings go into a 2021 packet of the same DataTime (platform links' real-time uploads
    // only; a 2013 raw-data answer carries factors alone).
    private int EncodePoll(IReadOnlyList<OutboxEntry> entries, int start, Hj212CommandCode command, List<UplinkMessage> messages)
    {
        var first = (OutboxReading)entries[start];
        var ticks = first.Reading.TimestampTicks;
        var dataTime = Hj212Time.Format(SiteTime(first.Reading.Timestamp));
        var factors = new HashSet<string>(StringComparer.Ordinal);
        var facilities = new HashSet<string>(StringComparer.Ordinal);
        var cp = new Hj212DataAreaBuilder().AddItem(Hj212FieldNames.DataTime, dataTime).EndGroup();
        var runStates = new Hj212DataAreaBuilder().AddItem(Hj212FieldNames.DataTime, dataTime).EndGroup();
        var runStateCount = 0;
        var previous = first.Sequence - 1;
        var end = start;
        while (end < entries.Count
            && entries[end] is OutboxReading reading
            && reading.Reading.TimestampTicks == ticks
            && (reading.Sequence == previous + 1 || (_platformSelection && reading.Sequence > previous)))
        {
            var code = FactorCodeOf(reading.Reading.Channel);
            if (code is not null && _channels[reading.Reading.Channel].IsRunState)
            {
                if (_platformSelection && command == Hj212CommandCode.RealTimeData)
                {
                    if (!facilities.Add(code))
                    {
                        break;
                    }

                    // A reading without a state (no answer, a register value the profile does not list) says nothing.
                    if (double.IsFinite(reading.Reading.Value))
                    {
                        runStates.AddItem(Hj212FieldNames.Factor(code, Hj212FactorField.RS), ((int)reading.Reading.Value).ToString(CultureInfo.InvariantCulture)).EndGroup();
                        runStateCount++;
                    }
                }
            }
            else if (code is not null)
            {
                if (!factors.Add(code))
                {
                    break;
                }

                if (double.IsFinite(reading.Reading.Value))
                {
                    cp.AddItem(Hj212FieldNames.Factor(code, Hj212FactorField.Rtd), _numbers.Format(code, reading.Reading.Value));
                }

                cp.AddItem(Hj212FieldNames.Factor(code, Hj212FactorField.Flag), Hj212Codes.ToWire(ToHj212(reading.Reading.Flag)));
                cp.EndGroup();
            }

            previous = reading.Sequence;
            end++;
        }

        var packets = new List<Hj212Packet>(2);
        if (factors.Count > 0)
        {
            packets.Add(NewPacket(_options.SystemCode, command, cp.Build()));
        }

        if (runStateCount > 0)
        {
            packets.Add(NewPacket(_options.SystemCode, Hj212CommandCode.EquipmentRunState, runStates.Build()));
        }

        if (packets.Count > 0)
        {
            messages.Add(ToMessage(packets, new SequenceRange(first.Sequence, entries[end - 1].Sequence), OutboxRecordKind.Reading));
        }

        return end;
    }

    // Consecutive records of one period, window start and outlet with consecutive sequences.
    private int EncodeWindow(IReadOnlyList<OutboxEntry> entries, int start, List<UplinkMessage> messages)
    {
        var first = (OutboxAggregate)entries[start];
        var record = first.Record;
        var factors = new HashSet<string>(StringComparer.Ordinal);
        var values = new List<Hj212PeriodValue>();
        var end = start;
        while (end < entries.Count
            && entries[end] is OutboxAggregate aggregate
            && aggregate.Record.Period == record.Period
            && aggregate.Record.StartUtc == record.StartUtc
            && string.Equals(aggregate.Record.Outlet, record.Outlet, StringComparison.Ordinal)
            && aggregate.Sequence == first.Sequence + (end - start))
        {
            var code = FactorCodeOf(aggregate.Record.Channel);
            if (code is not null)
            {
                if (!factors.Add(code))
                {
                    break;
                }

                values.Add(ToPeriodValue(code, aggregate.Record));
            }

            end++;
        }

        if (values.Count > 0)
        {
            var command = record.Period switch
            {
                AggregatePeriod.Minute => Hj212CommandCode.MinuteData,
                AggregatePeriod.Hour => Hj212CommandCode.HourData,
                _ => Hj212CommandCode.DayData,
            };
            var station = new Hj212Station(SystemCodeOf(record.Outlet), _options.Pw, _options.Mn, _options.Edition);
            var packet = Hj212Uploads.PeriodData(command, station, _qnClock.Next(), SiteTime(record.StartUtc), values, _numbers, _options.AcknowledgementRequired);
            messages.Add(ToMessage([packet], new SequenceRange(first.Sequence, entries[end - 1].Sequence), first.Kind));
        }

        return end;
    }

    private Hj212Packet NewPacket(string systemCode, Hj212CommandCode command, Hj212DataArea cp) => new()
    {
        Qn = _qnClock.Next(),
        St = systemCode,
        Cn = Hj212Codes.ToWire(command),
        Pw = _options.Pw,
        Mn = _options.Mn,
        Flag = Hj212Flag.Create(_options.Edition, _options.AcknowledgementRequired),
        Cp = cp,
    };

    // The packets' frames in order, each packet split on its own (a 2011 and its 2021 are two logical packets).
    private UplinkMessage ToMessage(IReadOnlyList<Hj212Packet> packets, SequenceRange range, OutboxRecordKind kind)
    {
        var frames = packets
            .SelectMany(packet => Hj212PacketSplitter.Split(packet, _qnClock.Next, Hj212Limits.MaxDataSegmentBytes - _reservedHeaderBytes, Hj212Limits.MaxCpBytes))
            .Select(Hj212FrameEncoder.EncodeToUtf8)
            .ToArray();
        var payload = new byte[frames.Sum(frame => frame.Length)];
        var offset = 0;
        foreach (var frame in frames)
        {
            frame.CopyTo(payload, offset);
            offset += frame.Length;
        }

        return new UplinkMessage(TopicSuffix, payload, range, kind);
    }

    private static Hj212PeriodValue ToPeriodValue(string code, AggregateRecord record) => new(code)
    {
        Cumulative = FiniteOrNull(record.Cou),
        Minimum = FiniteOrNull(record.Min),
        Average = FiniteOrNull(record.Avg),
        Maximum = FiniteOrNull(record.Max),
        ConvertedMinimum = FiniteOrNull(record.ZsMin),
        ConvertedAverage = FiniteOrNull(record.ZsAvg),
        ConvertedMaximum = FiniteOrNull(record.ZsMax),
        Flag = ToHj212(record.Flag),
    };

    private static Hj212QnClock SiteQnClock(Hj212UplinkOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Hj212QnClock(() => clock.GetUtcNow().ToOffset(options.SiteOffset).DateTime);
    }

    // The site's wall clock: platforms read DataTime and QN as Beijing time, not UTC.
    private DateTime SiteTime(DateTimeOffset instant) => instant.ToOffset(_options.SiteOffset).DateTime;

    private string SystemCodeOf(string outlet) =>
        _options.SystemCodeByOutlet.TryGetValue(outlet, out var systemCode) ? systemCode : _options.SystemCode;

    // A channel the table no longer has (the config changed since the record was stored), or one without a code,
    // cannot be named in HJ 212; its record is left out rather than block the queue behind it. So are a totaliser (its
    // increase is already its rate's -Cou) and a channel the site keeps out of HJ 212 (a second device's code).
    private string? FactorCodeOf(int channel) =>
        channel >= 0 && channel < _channels.Count ? _channels[channel].Hj212Code : null;

    private static double? FiniteOrNull(double value) => double.IsFinite(value) ? value : null;

    private static Hj212DataFlag ToHj212(DataFlag flag) => flag switch
    {
        DataFlag.N => Hj212DataFlag.Normal,
        DataFlag.F => Hj212DataFlag.Stopped,
        DataFlag.M => Hj212DataFlag.Maintenance,
        DataFlag.S => Hj212DataFlag.ManualValue,
        DataFlag.D => Hj212DataFlag.Fault,
        DataFlag.C => Hj212DataFlag.Calibration,
        DataFlag.T => Hj212DataFlag.OverRange,
        _ => Hj212DataFlag.CommunicationFault,
    };
}
