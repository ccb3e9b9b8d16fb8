using System.Globalization;
using System.Text;
using EdgeGateway.Core.Aggregation;
using EdgeGateway.Core.Pipeline;

namespace EdgeGateway.Demo;

/// <summary>
/// Prints what the platform will receive once the uplink exists: one line per device and poll cycle with each
/// value and its HJ 212 flag (letters other than N are shown), and the minute records as they close.
/// </summary>
internal sealed class DemoConsoleStage(ChannelTable channels, TextWriter output) : IReadingBatchHandler
{
    private readonly Dictionary<string, List<Reading>> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _channelsPerDevice = channels.Channels
        .GroupBy(channel => channel.Device, StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);

    public void Handle(ReadOnlySpan<Reading> batch)
    {
        foreach (ref readonly var reading in batch)
        {
            var device = channels[reading.Channel].Device;
            if (!_pending.TryGetValue(device, out var cycle))
            {
                _pending[device] = cycle = [];
            }

            if (cycle.Count > 0 && cycle[0].TimestampTicks != reading.TimestampTicks)
            {
                Print(device, cycle);
                cycle.Clear();
            }

            cycle.Add(reading);
            if (cycle.Count == _channelsPerDevice[device])
            {
                Print(device, cycle);
                cycle.Clear();
            }
        }
    }

    public void Tick(DateTimeOffset now)
    {
    }

    /// <summary>Prints the minute records that just closed, one line per outlet and minute.</summary>
    public void PrintRecords(IReadOnlyList<AggregateRecord> records)
    {
        foreach (var group in records.Where(record => record.Period == AggregatePeriod.Minute).GroupBy(record => (record.Outlet, record.StartLocal)))
        {
            var line = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{group.Key.StartLocal:HH:mm} CST minute record, outlet {group.Key.Outlet}:");
            foreach (var record in group.Where(record => !double.IsNaN(record.Avg)).Take(6))
            {
                line.Append(CultureInfo.InvariantCulture, $" {channels[record.Channel].Channel} avg={record.Avg:0.##}");
                if (!double.IsNaN(record.ZsAvg))
                {
                    line.Append(CultureInfo.InvariantCulture, $" zs={record.ZsAvg:0.##}");
                }

                line.Append(CultureInfo.InvariantCulture, $" {record.Flag}({record.ValidCount}/{record.TotalCount})");
            }

            output.WriteLine(line.ToString());
        }

        foreach (var record in records.Where(record => record.Period != AggregatePeriod.Minute))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{record.StartLocal:yyyy-MM-dd HH:mm} {record.Period.ToString().ToLowerInvariant()} record {channels[record.Channel].Key}: avg={record.Avg:0.##} flag {record.Flag} valid={record.IsValid}"));
        }
    }

    private void Print(string device, List<Reading> cycle)
    {
        var line = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{cycle[0].Timestamp.ToLocalTime():HH:mm:ss} {device,-6}");
        if (cycle.All(reading => reading.Flag == DataFlag.B))
        {
            line.Append(" no answer: every channel flagged B");
        }
        else
        {
            foreach (var reading in cycle)
            {
                var name = channels[reading.Channel].Channel;
                line.Append(double.IsNaN(reading.Value)
                    ? string.Create(CultureInfo.InvariantCulture, $" {name}=—")
                    : string.Create(CultureInfo.InvariantCulture, $" {name}={reading.Value:0.##}"));
                if (reading.Flag != DataFlag.N)
                {
                    line.Append(CultureInfo.InvariantCulture, $"[{reading.Flag}]");
                }
            }
        }

        output.WriteLine(line.ToString());
    }
}
