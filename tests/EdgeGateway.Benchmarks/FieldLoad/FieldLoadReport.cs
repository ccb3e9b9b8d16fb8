using System.Globalization;
using System.Text.Json;

namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>The rows as a markdown table (one row per service × device count × run), or as JSON with the same figures.</summary>
internal static class FieldLoadReport
{
    private const int TopThreadGroups = 4;

    public static void WriteMarkdown(TextWriter output, IReadOnlyList<FieldLoadRow> rows)
    {
        output.WriteLine("| service | devices | buses | channels | readings/s | service CPU, % of a core | CPU µs/reading | RSS MiB (anon/file) | threads | top threads, % of a core | mosquitto % | simulators % | failed polls | load 1 min (start → end) |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            if (!row.Valid && row.WindowSeconds == 0)
            {
                output.WriteLine($"| {row.Label} | {row.Devices} | {row.Buses} | – | – | – | – | – | – | did not run: {row.Problem?.Split('\n')[0]} | – | – | – | {OneMinute(row.LoadAtStart)} |");
                continue;
            }

            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {row.Label} | {row.Devices} | {row.Buses} | {row.Channels} | {row.ReadingsPerSecond:0.0} | {row.ServiceCpuPercent:0.00} | {row.CpuMicrosecondsPerReading:0.0} | {row.Memory.ResidentMiB:0.0} ({row.Memory.AnonymousMiB:0.0}/{row.Memory.FileMiB:0.0}) | {row.Memory.Threads} | {TopThreads(row)} | {row.MosquittoCpuPercent:0.00} | {row.SimulatorsCpuPercent:0.00} | {row.FailedPolls + row.PollErrors}{(row.Valid ? string.Empty : " ⚠")} | {OneMinute(row.LoadAtStart)} → {OneMinute(row.LoadAtEnd)} |"));
        }
    }

    public static void WriteJson(Stream output, string machine, IReadOnlyList<KeyValuePair<string, string>> environment, FieldLoadOptions options, IReadOnlyList<FieldLoadRow> rows)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("machine", machine);
        json.WriteString("transport", options.Transport.ToString());
        json.WriteNumber("devicesPerBus", options.DevicesPerBus);
        json.WriteNumber("warmUpSeconds", options.WarmUp.TotalSeconds);
        json.WriteNumber("windowSeconds", options.Window.TotalSeconds);
        json.WriteStartObject("environment");
        foreach (var (name, value) in environment)
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
        json.WriteStartArray("rows");
        foreach (var row in rows)
        {
            json.WriteStartObject();
            json.WriteString("service", row.Label);
            json.WriteNumber("run", row.Run);
            json.WriteNumber("devices", row.Devices);
            json.WriteNumber("buses", row.Buses);
            json.WriteNumber("channels", row.Channels);
            json.WriteNumber("windowSeconds", Math.Round(row.WindowSeconds, 3));
            json.WriteNumber("readings", row.Readings);
            json.WriteNumber("readingsAtBroker", row.ReadingsAtBroker);
            json.WriteNumber("readingsPerSecond", Math.Round(row.ReadingsPerSecond, 2));
            json.WriteNumber("serviceCpuPercentOfCore", Math.Round(row.ServiceCpuPercent, 3));
            Number(json, "cpuMicrosecondsPerReading", row.CpuMicrosecondsPerReading);
            json.WriteNumber("rssMiB", Math.Round(row.Memory.ResidentMiB, 2));
            json.WriteNumber("rssAnonMiB", Math.Round(row.Memory.AnonymousMiB, 2));
            json.WriteNumber("rssFileMiB", Math.Round(row.Memory.FileMiB, 2));
            json.WriteNumber("threads", row.Memory.Threads);
            json.WriteStartArray("threadCpu");
            foreach (var group in row.ThreadCpu)
            {
                json.WriteStartObject();
                json.WriteString("name", group.Name);
                json.WriteNumber("threads", group.Threads);
                json.WriteNumber("percentOfCore", Math.Round(group.PercentOfCore, 3));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("mosquittoCpuPercentOfCore", Math.Round(row.MosquittoCpuPercent, 3));
            json.WriteNumber("simulatorsCpuPercentOfCore", Math.Round(row.SimulatorsCpuPercent, 3));
            json.WriteNumber("failedPolls", row.FailedPolls);
            json.WriteNumber("pollErrors", row.PollErrors);
            json.WriteString("loadAtStart", row.LoadAtStart);
            json.WriteString("loadAtEnd", row.LoadAtEnd);
            json.WriteBoolean("valid", row.Valid);
            if (row.Problem is not null)
            {
                json.WriteString("problem", row.Problem);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string TopThreads(FieldLoadRow row)
    {
        var shown = row.ThreadCpu.Where(group => group.PercentOfCore > 0).Take(TopThreadGroups).Select(group => group.ToString()).ToList();
        return shown.Count == 0 ? "–" : string.Join(", ", shown);
    }

    private static string OneMinute(string load) => load.Split(' ')[0];

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, Math.Round(value, 2));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
