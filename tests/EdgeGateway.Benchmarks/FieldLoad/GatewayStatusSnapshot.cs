using System.Text.Json;
using EdgeGateway.Control.Contract;

namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>
/// The service's own counters at one moment, from <c>status</c> over its control socket: readings the pipeline
/// consumed, channels, and every device's polls, failed polls and errors (docs/control-protocol.md).
/// </summary>
internal sealed record GatewayStatusSnapshot(
    long ReadingsConsumed,
    int Channels,
    long LastSequence,
    long Cycles,
    long FailedCycles,
    long Errors,
    int Devices,
    IReadOnlyList<string> DevicesNotAnswering)
{
    public static GatewayStatusSnapshot Take(string controlSocket)
    {
        using var client = ControlClient.Connect(controlSocket);
        var response = client.Send("status");
        if (!response.Ok || response.Result is not { } result)
        {
            throw new ControlUnavailableException("status failed: " + ControlClient.Describe(response.Error));
        }

        var health = result.GetProperty("health");
        var pipeline = health.GetProperty("pipeline");
        long cycles = 0, failed = 0, errors = 0;
        var devices = 0;
        var notAnswering = new List<string>();
        foreach (var bus in health.GetProperty("buses").EnumerateArray())
        {
            foreach (var device in bus.GetProperty("devices").EnumerateArray())
            {
                devices++;
                cycles += Integer(device, "cycles");
                failed += Integer(device, "failedCycles");
                errors += Integer(device, "timeouts") + Integer(device, "crcErrors") + Integer(device, "exceptions") + Integer(device, "transportErrors");
                var degraded = device.TryGetProperty("degraded", out var flag) && flag.GetBoolean();
                var portLost = device.TryGetProperty("portLost", out var lost) && lost.ValueKind == JsonValueKind.True;
                if (degraded || portLost || !device.TryGetProperty("lastAnswer", out var answer) || answer.ValueKind != JsonValueKind.String)
                {
                    notAnswering.Add(device.GetProperty("name").GetString() ?? "?");
                }
            }
        }

        return new GatewayStatusSnapshot(
            Integer(pipeline, "consumed"),
            (int)Integer(pipeline, "channels"),
            Integer(health.GetProperty("storage"), "lastSequence"),
            cycles,
            failed,
            errors,
            devices,
            notAnswering);
    }

    private static long Integer(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
}
