using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Simulator.Hj212Platform;

/// <summary>
/// The data records the platform simulator received, per MN, CN and DataTime: real-time (2011), run-state (2021),
/// minute (2051), hour (2061) and day (2031) values, whether uploaded live, re-sent with RF=1 or returned for a history
/// request. Split parts merge into one record. A record delivered again under a new QN counts as a duplicate;
/// an item that comes back with another value is a conflict. Answers the no-gap question: which periods of a
/// range hold no record. Thread-safe.
/// </summary>
public sealed class Hj212PlatformDataStore
{
    /// <summary>The CNs whose records are kept.</summary>
    public static IReadOnlyList<string> StoredCommands { get; } = ["2011", "2021", "2051", "2061", "2031"];

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Mn, string Cn), SortedDictionary<DateTime, StoredValues>> _records = [];
    private readonly Dictionary<string, int> _duplicates = new(StringComparer.Ordinal);
    private readonly List<Hj212DataConflict> _conflicts = [];

    /// <summary>The MNs that have records, in order of first record.</summary>
    public IReadOnlyList<string> Mns
    {
        get
        {
            lock (_gate)
            {
                return _records.Keys.Select(key => key.Mn).Distinct(StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>The DataTimes held for <paramref name="mn"/> and <paramref name="cn"/>, in order.</summary>
    public IReadOnlyList<DateTime> TimesOf(string mn, string cn)
    {
        lock (_gate)
        {
            return _records.TryGetValue((mn, cn), out var series) ? series.Keys.ToArray() : [];
        }
    }

    /// <summary>The record of <paramref name="mn"/>, <paramref name="cn"/> at <paramref name="dataTime"/>, or null.</summary>
    public Hj212StoredRecord? Find(string mn, string cn, DateTime dataTime)
    {
        lock (_gate)
        {
            return _records.TryGetValue((mn, cn), out var series) && series.TryGetValue(dataTime, out var values)
                ? new Hj212StoredRecord(mn, cn, dataTime, new Dictionary<string, string>(values.Items, StringComparer.Ordinal), values.Packets)
                : null;
        }
    }

    /// <summary>
    /// The times <paramref name="first"/>, <paramref name="first"/> + <paramref name="step"/>, … up to
    /// <paramref name="last"/> inclusive that hold no record of <paramref name="cn"/> for <paramref name="mn"/>.
    /// </summary>
    public IReadOnlyList<DateTime> MissingTimes(string mn, string cn, DateTime first, DateTime last, TimeSpan step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        lock (_gate)
        {
            _records.TryGetValue((mn, cn), out var series);
            var missing = new List<DateTime>();
            for (var time = first; time <= last; time += step)
            {
                if (series is null || !series.ContainsKey(time))
                {
                    missing.Add(time);
                }
            }

            return missing;
        }
    }

    /// <summary>The minute records (2051) missing from <paramref name="first"/> to <paramref name="last"/>, every <paramref name="minInterval"/> minutes.</summary>
    public IReadOnlyList<DateTime> MissingMinutes(string mn, DateTime first, DateTime last, int minInterval = 1) =>
        MissingTimes(mn, "2051", first, last, TimeSpan.FromMinutes(minInterval));

    /// <summary>Records of <paramref name="mn"/> delivered again under a new QN with nothing new or different in them (those with different values are <see cref="ConflictsOf"/>).</summary>
    public int DuplicatesOf(string mn)
    {
        lock (_gate)
        {
            return _duplicates.GetValueOrDefault(mn);
        }
    }

    /// <summary>Items of <paramref name="mn"/>'s records that arrived again with a different value.</summary>
    public IReadOnlyList<Hj212DataConflict> ConflictsOf(string mn)
    {
        lock (_gate)
        {
            return _conflicts.Where(conflict => conflict.Mn == mn).ToArray();
        }
    }

    /// <summary>Every conflict of every MN.</summary>
    public IReadOnlyList<Hj212DataConflict> Conflicts
    {
        get
        {
            lock (_gate)
            {
                return _conflicts.ToArray();
            }
        }
    }

    /// <summary>Keeps the record of a decoded data packet; false when the packet holds no storable record.</summary>
    /// <param name="packet">The packet.</param>
    /// <param name="isRepeat">The same packet (same QN) came before: a re-send, not a duplicate record.</param>
    internal bool Add(Hj212Packet packet, bool isRepeat)
    {
        if (!StoredCommands.Contains(packet.Cn, StringComparer.Ordinal) || !packet.Cp.TryGetDataTime(out var dataTime))
        {
            return false;
        }

        lock (_gate)
        {
            if (!_records.TryGetValue((packet.Mn, packet.Cn), out var series))
            {
                series = [];
                _records[(packet.Mn, packet.Cn)] = series;
            }

            if (!series.TryGetValue(dataTime, out var values))
            {
                values = new StoredValues();
                series[dataTime] = values;
            }

            values.Packets++;
            var anythingNew = false;
            var conflicting = false;
            foreach (var item in packet.Cp.Items)
            {
                if (item.Name == Hj212FieldNames.DataTime)
                {
                    continue;
                }

                if (!values.Items.TryGetValue(item.Name, out var stored))
                {
                    values.Items[item.Name] = item.Value;
                    anythingNew = true;
                }
                else if (stored != item.Value)
                {
                    _conflicts.Add(new Hj212DataConflict(packet.Mn, packet.Cn, dataTime, item.Name, stored, item.Value));
                    conflicting = true;
                }
            }

            if (!anythingNew && !conflicting && !isRepeat)
            {
                _duplicates[packet.Mn] = _duplicates.GetValueOrDefault(packet.Mn) + 1;
            }

            return true;
        }
    }

    private sealed class StoredValues
    {
        public Dictionary<string, string> Items { get; } = new(StringComparer.Ordinal);

        public int Packets { get; set; }
    }
}
