using System.Globalization;
using System.Text.Json;

namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>
/// The gateway.json of a field-load row: the buses at the simulators' ports, one flue-gas outlet (CEMS + dust meter)
/// and one wastewater outlet per group of three devices, the bench's broker, and a state directory and control
/// socket of the row's own. Everything else stays at its default, as a cabinet runs.
/// </summary>
internal static class FieldGatewayConfig
{
    public static void Write(string file, string gatewayId, IReadOnlyList<SimulatedBus> buses, IReadOnlyList<int> ports, int brokerPort, string stateDirectory, string controlSocket)
    {
        using var stream = File.Create(file);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("gatewayId", gatewayId);
        json.WriteStartArray("profileDirectories");
        json.WriteStringValue(Bench.RepositoryPaths.Profiles);
        json.WriteEndArray();

        json.WriteStartArray("buses");
        for (var i = 0; i < buses.Count; i++)
        {
            json.WriteStartObject();
            json.WriteString("name", buses[i].Name);
            json.WriteString("port", string.Create(CultureInfo.InvariantCulture, $"{buses[i].Scheme}://127.0.0.1:{ports[i]}"));
            json.WriteStartArray("devices");
            foreach (var device in buses[i].Devices)
            {
                json.WriteStartObject();
                json.WriteString("name", device.Name);
                json.WriteString("profile", device.Profile);
                json.WriteNumber("slave", device.Slave);
                if (device.Profile == FieldSiteLayout.DustProfile)
                {
                    json.WriteStartObject("hj212");
                    json.WriteStartArray("exclude");
                    foreach (var channel in FieldSiteLayout.DustExcludedFromHj212)
                    {
                        json.WriteStringValue(channel);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteOutlets(json, buses.SelectMany(bus => bus.Devices).ToList());

        json.WriteStartObject("uplink");
        json.WriteString("broker", string.Create(CultureInfo.InvariantCulture, $"mqtt://127.0.0.1:{brokerPort}"));
        json.WriteEndObject();
        json.WriteStartObject("storage");
        json.WriteString("directory", stateDirectory);
        json.WriteEndObject();
        json.WriteStartObject("control");
        json.WriteString("socket", controlSocket);
        json.WriteEndObject();
        json.WriteStartObject("logging");
        json.WriteString("level", "warning");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteOutlets(Utf8JsonWriter json, List<SimulatedDevice> devices)
    {
        json.WriteStartArray("outlets");
        foreach (var group in devices.GroupBy(device => device.Group).OrderBy(group => group.Key))
        {
            var flueGas = group.Where(device => device.Profile != FieldSiteLayout.WastewaterProfile).OrderBy(device => device.Profile == FieldSiteLayout.DustProfile).ToList();
            if (flueGas.Count > 0)
            {
                var cems = flueGas[0].Name;
                json.WriteStartObject();
                json.WriteString("name", string.Create(CultureInfo.InvariantCulture, $"DA{group.Key:000}"));
                json.WriteString("kind", "flueGas");
                WriteNames(json, flueGas);
                json.WriteString("oxygenChannel", cems + ".o2");
                json.WriteNumber("referenceOxygenPercent", 6);
                json.WriteString("flowChannel", cems + ".flow");
                json.WriteEndObject();
            }

            foreach (var water in group.Where(device => device.Profile == FieldSiteLayout.WastewaterProfile))
            {
                json.WriteStartObject();
                json.WriteString("name", string.Create(CultureInfo.InvariantCulture, $"DW{group.Key:000}"));
                json.WriteString("kind", "wastewater");
                WriteNames(json, [water]);
                json.WriteString("flowChannel", water.Name + ".flow");
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
    }

    private static void WriteNames(Utf8JsonWriter json, List<SimulatedDevice> devices)
    {
        json.WriteStartArray("devices");
        foreach (var device in devices)
        {
            json.WriteStringValue(device.Name);
        }

        json.WriteEndArray();
    }
}
