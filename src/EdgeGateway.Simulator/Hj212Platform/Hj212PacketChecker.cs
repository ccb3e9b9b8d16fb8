using System.Text;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Simulator.Hj212Platform;

/// <summary>
/// Checks each frame a logger sends against HJ 212 as a strict platform would (docs/hj212-uplink.md lists the
/// rules): what the lenient decoder accepts but a sender must not do, and what only shows over several packets
/// (QNs reused for other packets, split parts out of order). Thread-safe.
/// </summary>
internal sealed class Hj212PacketChecker
{
    private const string OrderText = "QN;ST;CN;PW;MN;Flag;[PNUM;PNO;][RF;]CP";
    private static readonly string[] HeaderOrder = ["QN", "ST", "CN", "PW", "MN", "Flag", "PNUM", "PNO", "RF", "CP"];
    private static readonly string[] TimeFields =
    [
        Hj212FieldNames.DataTime, Hj212FieldNames.BeginTime, Hj212FieldNames.EndTime, Hj212FieldNames.SystemTime,
        Hj212FieldNames.RestartTime, "CstartTime", "Stime",
    ];

    private readonly Hj212Edition _edition;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Mn, string Qn), string> _segmentsByQn = [];
    private readonly Dictionary<long, Hj212SplitProgress> _splits = [];

    public Hj212PacketChecker(Hj212Edition edition)
    {
        _edition = edition;
    }

    /// <summary>Checks one decoded (or refused) frame from connection <paramref name="connectionId"/>.</summary>
    public Hj212PacketCheck Check(long connectionId, Hj212DecodeResult decoded, string? expectedMn, string? expectedPw)
    {
        var problems = new List<string>();
        var header = decoded.DataSegment is { } text ? Hj212HeaderField.Scan(text) : [];
        var order = header.Select(field => field.Name).ToArray();
        var rf = header.FirstOrDefault(field => field.Name == "RF").Value;
        if (!decoded.IsSuccess)
        {
            problems.Add($"refused: {decoded.Reason}");
            return new Hj212PacketCheck(problems, order, rf, IsRepeat: false);
        }

        var packet = decoded.Packet;
        var segment = decoded.DataSegment!;
        CheckFrame(decoded, segment, problems);
        CheckHeaderOrder(order, problems);
        CheckHeader(packet, rf, expectedMn, expectedPw, problems);
        CheckTimes(packet, problems);
        CheckRunStates(packet, problems);
        lock (_gate)
        {
            var isRepeat = CheckQn(packet, segment, problems);
            if (!isRepeat)
            {
                CheckSplitProgress(connectionId, packet, problems);
            }

            return new Hj212PacketCheck(problems, order, rf, isRepeat);
        }
    }

    /// <summary>Forgets a closed connection's unfinished split message.</summary>
    public void Forget(long connectionId)
    {
        lock (_gate)
        {
            _splits.Remove(connectionId);
        }
    }

    private static void CheckFrame(Hj212DecodeResult decoded, string segment, List<string> problems)
    {
        if (decoded.CrcFound is { } crc && crc.Any(char.IsLower))
        {
            problems.Add($"CRC '{crc}' is in lower case; HJ 212 writes it in upper-case hex");
        }

        if (decoded.DataSegmentByteCount > Hj212Limits.MaxDataSegmentBytes)
        {
            problems.Add($"data segment is {decoded.DataSegmentByteCount} bytes, over HJ 212's {Hj212Limits.MaxDataSegmentBytes}: the message should have been split");
        }

        var cpStart = segment.IndexOf("CP=&&", StringComparison.Ordinal);
        if (cpStart >= 0)
        {
            var cpBytes = Encoding.UTF8.GetByteCount(segment.AsSpan(cpStart));
            if (cpBytes > Hj212Limits.MaxCpBytes)
            {
                problems.Add($"CP is {cpBytes} bytes, over HJ 212's {Hj212Limits.MaxCpBytes}: the message should have been split");
            }
        }
    }

    private static void CheckHeaderOrder(string[] order, List<string> problems)
    {
        var last = -1;
        for (var i = 0; i < order.Length; i++)
        {
            var rank = Array.IndexOf(HeaderOrder, order[i]);
            if (rank < 0)
            {
                problems.Add($"unknown header field '{order[i]}'");
                continue;
            }

            if (rank <= last)
            {
                problems.Add($"header field '{order[i]}' comes after '{HeaderOrder[last]}'; the order is {OrderText}");
                return;
            }

            last = rank;
        }
    }

    private void CheckHeader(Hj212Packet packet, string? rf, string? expectedMn, string? expectedPw, List<string> problems)
    {
        if (packet.Qn is null)
        {
            problems.Add("QN missing");
        }
        else if (!Hj212Time.TryParseQn(packet.Qn, out _))
        {
            problems.Add($"QN '{packet.Qn}' is not YYYYMMDDhhmmsszzz");
        }

        if (packet.Flag is not { } flag)
        {
            problems.Add("Flag missing");
        }
        else
        {
            if (flag.VersionBits != (int)_edition)
            {
                problems.Add($"Flag {flag} has version bits {flag.VersionBits} ({EditionName(flag.VersionBits)}), expected {(int)_edition} ({EditionName((int)_edition)})");
            }

            if (!flag.IsSplit && (packet.Pnum is not null || packet.Pno is not null))
            {
                problems.Add($"PNUM/PNO present but Flag {flag} has D (bit 1, split) clear");
            }
        }

        var isReply = IsReply(packet.Cn);
        if (isReply && packet.St != "91")
        {
            problems.Add($"reply {packet.Cn} has ST={packet.St}; replies use ST=91");
        }

        if (rf is not null)
        {
            if (_edition != Hj212Edition.Edition2025)
            {
                problems.Add($"RF={rf}: RF is an HJ 212-2025 field, a 2017 packet has none");
            }

            if (rf != "1")
            {
                problems.Add($"RF={rf}: RF is 1 on re-sent packets and absent on first sends, never anything else");
            }

            if (isReply)
            {
                problems.Add($"RF on the reply {packet.Cn}; only re-sent data carry it");
            }
        }

        if (expectedMn is not null && packet.Mn != expectedMn)
        {
            problems.Add($"MN '{packet.Mn}' is not the registered '{expectedMn}'");
        }

        if (expectedPw is not null && packet.Pw != expectedPw)
        {
            problems.Add($"PW '{packet.Pw}' is not the expected '{expectedPw}'");
        }
    }

    private static void CheckTimes(Hj212Packet packet, List<string> problems)
    {
        foreach (var item in packet.Cp.Items)
        {
            var isTime = TimeFields.Contains(item.Name, StringComparer.Ordinal)
                || item.Name.EndsWith("-SampleTime", StringComparison.Ordinal);
            if (isTime && !Hj212Time.TryParse(item.Value, out _))
            {
                problems.Add($"{item.Name} '{item.Value}' is not YYYYMMDDhhmmss");
            }
        }

        if (!packet.TryGetCommandCode(out var command) || !IsDataRecord(command))
        {
            return;
        }

        if (!packet.Cp.TryGetValue(Hj212FieldNames.DataTime, out var dataTimeText))
        {
            problems.Add("DataTime missing");
            return;
        }

        if (!Hj212Time.TryParse(dataTimeText, out var dataTime))
        {
            return;
        }

        var periodStart = command switch
        {
            Hj212CommandCode.MinuteData => dataTime.Second == 0,
            Hj212CommandCode.HourData => dataTime is { Minute: 0, Second: 0 },
            Hj212CommandCode.DayData or Hj212CommandCode.EquipmentDayRunTime => dataTime.TimeOfDay == TimeSpan.Zero,
            _ => true,
        };
        if (!periodStart)
        {
            problems.Add($"DataTime {dataTimeText} of a {packet.Cn} record is not the start of its period");
        }
    }

    // A 2021's SBxxx-RS: 0 off, 1 running, 2 calibrating, 3 maintenance, 4 alarm, 5 blow-back; nothing else.
    private static void CheckRunStates(Hj212Packet packet, List<string> problems)
    {
        if (packet.Cn != "2021")
        {
            return;
        }

        foreach (var item in packet.Cp.Items.Where(item => item.Name.EndsWith("-RS", StringComparison.Ordinal)))
        {
            if (!item.Name.StartsWith("SB", StringComparison.Ordinal) || item.Value is not ("0" or "1" or "2" or "3" or "4" or "5"))
            {
                problems.Add($"{item.Name}={item.Value}: a run state is SBxxx-RS with a value 0 to 5");
            }
        }
    }

    /// <summary>True when this QN came before with the same packet (RF aside): a re-send.</summary>
    private bool CheckQn(Hj212Packet packet, string segment, List<string> problems)
    {
        if (packet.Qn is null || IsReply(packet.Cn))
        {
            // Replies echo the QN of what they answer.
            return false;
        }

        var key = (packet.Mn, packet.Qn);
        var withoutRf = WithoutRf(segment);
        if (_segmentsByQn.TryGetValue(key, out var earlier))
        {
            if (earlier == withoutRf)
            {
                return true;
            }

            problems.Add($"QN {packet.Qn} was already used for a different packet; every new message needs a new QN");
            return false;
        }

        _segmentsByQn[key] = withoutRf;
        return false;
    }

    private void CheckSplitProgress(long connectionId, Hj212Packet packet, List<string> problems)
    {
        if (packet is not { Pnum: { } pnum, Pno: { } pno })
        {
            return;
        }

        var dataTime = packet.Cp.GetValue(Hj212FieldNames.DataTime);
        var open = _splits.TryGetValue(connectionId, out var progress);
        if (pno == 1)
        {
            if (open)
            {
                problems.Add($"split {progress.Cn} message ended after part {progress.NextPno - 1} of {progress.Pnum}");
            }
        }
        else if (!open || progress.Cn != packet.Cn || progress.Pnum != pnum || progress.NextPno != pno)
        {
            var expected = open ? $"part {progress.NextPno} of {progress.Pnum} of a {progress.Cn} message" : "part 1 of a new message";
            problems.Add($"split part PNO={pno} of PNUM={pnum} is out of sequence: expected {expected}");
        }
        else if (progress.DataTime != dataTime)
        {
            problems.Add($"split part PNO={pno} has DataTime {dataTime ?? "(none)"}, part 1 had {progress.DataTime ?? "(none)"}; every part repeats it");
        }

        if (pno >= pnum)
        {
            _splits.Remove(connectionId);
        }
        else
        {
            _splits[connectionId] = new Hj212SplitProgress(packet.Cn, pnum, pno + 1, pno == 1 || !open ? dataTime : progress.DataTime);
        }
    }

    private static string WithoutRf(string segment)
    {
        var at = segment.IndexOf(";RF=", StringComparison.Ordinal);
        if (at < 0)
        {
            return segment;
        }

        var end = segment.IndexOf(';', at + 1);
        return end < 0 ? segment[..at] : string.Concat(segment.AsSpan(0, at), segment.AsSpan(end));
    }

    private static bool IsReply(string cn) => cn is "9011" or "9012" or "9013" or "9014";

    private static bool IsDataRecord(Hj212CommandCode command) => command is Hj212CommandCode.RealTimeData
        or Hj212CommandCode.MinuteData or Hj212CommandCode.HourData or Hj212CommandCode.DayData
        or Hj212CommandCode.EquipmentRunState or Hj212CommandCode.EquipmentDayRunTime or Hj212CommandCode.LoggerRestart;

    private static string EditionName(int versionBits) => versionBits switch
    {
        0 => "2005",
        1 => "2017",
        2 => "2025",
        _ => "no edition",
    };
}
