using System.Text.Json;
using EdgeGateway.Modbus.Client;

namespace EdgeGateway.Demo;

/// <summary>
/// The demo's gateway.json: its two simulated outlets, the shipped limit presets, an MQTT broker and a temporary data
/// directory, and optionally one HJ 212 platform. Also played on a virtual clock by the demo's alarm test.
/// </summary>
internal static class DemoConfiguration
{
    /// <summary>The demo's MN: 24 hexadecimal digits, which both editions accept (HJ 212-2025 wants exactly that).</summary>
    public const string Hj212Mn = "0100000000000000DE300001";

    /// <summary>The PW the demo sends: the one most platforms hand out for trials.</summary>
    public const string Hj212Pw = "123456";

    /// <summary>The demo's gateway.json.</summary>
    /// <param name="hj212Address">tcp://host:port of the HJ 212 platform the demo reports to; null for none.</param>
    /// <param name="hj212Edition">"2017" or "2025".</param>
    public static string Write(string gatewayId, ModbusEndpoint flueGas, ModbusEndpoint wastewater, string broker, string profileDirectory, string dataDirectory, string? hj212Address = null, string hj212Edition = "2017")
    {
        // Written with a Utf8JsonWriter: no reflection, and the paths are escaped properly.
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("gatewayId", gatewayId);
            json.WriteStartObject("site");
            json.WriteString("name", "EdgeGateway demo");
            json.WriteEndObject();
            WriteStrings(json, "profileDirectories", profileDirectory);
            json.WriteStartArray("buses");
            WriteBus(json, "flue-gas", flueGas.ToString(), [("cems", "cems-flue-gas", 1), ("dust", "particulate-flow", 2)]);
            WriteBus(json, "wastewater", wastewater.ToString(), [("water", "wastewater-cod-nh3n", 5)]);
            json.WriteEndArray();
            json.WriteStartArray("outlets");
            json.WriteStartObject();
            json.WriteString("name", "DA001");
            json.WriteString("kind", "flueGas");
            WriteStrings(json, "devices", "cems", "dust");
            json.WriteString("oxygenChannel", "cems.o2");
            json.WriteNumber("referenceOxygenPercent", 6);
            json.WriteString("flowChannel", "cems.flow");
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("name", "DW001");
            json.WriteString("kind", "wastewater");
            WriteStrings(json, "devices", "water");
            json.WriteString("flowChannel", "water.flow");
            json.WriteEndObject();
            json.WriteEndArray();
            WriteLimits(json);
            json.WriteStartObject("uplink");
            json.WriteString("broker", broker);
            json.WriteString("clientId", $"egw-demo-{Environment.ProcessId}");
            json.WriteString("keepAlive", "10s");
            json.WriteEndObject();
            if (hj212Address is not null)
            {
                WritePlatform(json, hj212Address, hj212Edition);
            }

            json.WriteStartObject("storage");
            json.WriteString("directory", dataDirectory);
            json.WriteString("maxSize", "256MiB");
            json.WriteEndObject();
            json.WriteStartObject("control");
            json.WriteString("socket", Path.Combine(dataDirectory, "control.sock"));
            json.WriteEndObject();
            json.WriteStartObject("logging");
            json.WriteString("level", "warning");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    // The shipped presets, as a site would use them; the demo only shortens the SO2 pre-warning's window (15 min by
    // default) so that it shows within minutes.
    private static void WriteLimits(Utf8JsonWriter json)
    {
        json.WriteStartArray("limits");
        json.WriteStartObject();
        json.WriteString("preset", "ultra-low-coal-fired");
        WriteStrings(json, "devices", "cems", "dust");
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("channel", "cems.so2");
        json.WriteString("quantity", "hourlyConverted");
        json.WriteNumber("limit", 35);
        json.WriteString("unit", "mg/m³");
        json.WriteString("preWarningWindow", "2m");
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("preset", "wastewater-gb8978-grade1");
        WriteStrings(json, "devices", "water");
        json.WriteString("sampler", "water");
        json.WriteEndObject();
        json.WriteEndArray();
    }

    // What a provincial platform usually asks of a data logger: every upload answered (9014) within 5 s, three
    // re-sends, a heartbeat every 30 s, real-time data and the desulfurizer's run state (2021) every 30 s and the
    // minute, hour and day records.
    private static void WritePlatform(Utf8JsonWriter json, string address, string edition)
    {
        json.WriteStartArray("platforms");
        json.WriteStartObject();
        json.WriteString("name", "demo-hj212");
        json.WriteString("address", address);
        json.WriteString("mn", Hj212Mn);
        json.WriteString("pw", Hj212Pw);
        json.WriteString("edition", edition);
        json.WriteBoolean("repliesWanted", true);
        json.WriteNumber("overTimeSeconds", 5);
        json.WriteNumber("reCount", 3);
        json.WriteNumber("heartbeatSeconds", 30);
        json.WriteNumber("realTimeIntervalSeconds", 30);
        WriteStrings(json, "uploads", "realTime", "runState", "minute", "hour", "day", "restart");
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, params string[] values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>The dust meter's channels whose codes the CEMS of outlet DA001 gives too: velocity, temperature, pressure, humidity and flow.</summary>
    private static string[] DustMeterChannelsTheCemsGives => ["velocity", "temperature", "pressure", "humidity", "flow"];

    private static void WriteBus(Utf8JsonWriter json, string name, string port, (string Name, string Profile, int Slave)[] devices)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("port", port);
        json.WriteString("timeout", "300ms");
        json.WriteStartArray("devices");
        foreach (var (deviceName, profile, slave) in devices)
        {
            json.WriteStartObject();
            json.WriteString("name", deviceName);
            json.WriteString("profile", profile);
            json.WriteNumber("slave", slave);
            json.WriteString("pollInterval", "1s");
            if (deviceName == "dust")
            {
                // The CEMS of the same outlet gives these codes; the dust meter's go into JSON only, so each minute
                // is one 2051 with one value per code (its flow total goes with its flow).
                json.WriteStartObject("hj212");
                WriteStrings(json, "exclude", DustMeterChannelsTheCemsGives);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
