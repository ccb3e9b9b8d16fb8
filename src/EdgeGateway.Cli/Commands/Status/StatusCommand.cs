using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;
using EdgeGateway.Pipeline.Alarms;

namespace EdgeGateway.Cli.Commands.Status;

/// <summary>
/// <c>egw status</c>: asks the running service over its control socket for its health: gateway, per bus and device
/// (last answer, errors by kind, degraded), uplink (connected, backlog), storage, clock, the cabinet door when its
/// switch is configured, and pipeline.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CliConsole console)
    {
        var socket = ControlCall.SocketOption();
        var json = new Option<bool>("--json") { Description = "Print the status document as JSON" };
        var command = new Command("status", "Show the running gateway's health: devices, uplink, storage") { socket, json };
        command.SetAction(parse =>
        {
            var asJson = parse.GetValue(json);
            return CommandRunner.Run(console, asJson, () =>
            {
                var status = ControlCall.Ask(ControlClient.ResolvePath(parse.GetValue(socket)), "status");
                if (asJson)
                {
                    console.Out.WriteLine(status.GetRawText());
                }
                else
                {
                    Print(console.Out, status, DateTimeOffset.UtcNow);
                    PrintPlatforms(console.Out, ControlClient.ResolvePath(parse.GetValue(socket)), DateTimeOffset.UtcNow);
                    PrintAlarms(console.Out, ControlClient.ResolvePath(parse.GetValue(socket)));
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }

    // A lost port first: then no device on the bus can answer, whatever else is true of it.
    private static string DeviceState(JsonElement device) =>
        device.TryGetProperty("portLost", out var lost) && lost.ValueKind == JsonValueKind.True ? "PORT LOST"
        : device.GetProperty("degraded").GetBoolean() ? "NO ANSWER"
        : "ok";

    private static void Print(TextWriter output, JsonElement status, DateTimeOffset now)
    {
        var health = status.GetProperty("health");
        var site = status.GetProperty("site").GetString();
        var healthy = health.GetProperty("healthy").GetBoolean();
        output.WriteLine(Invariant($"gateway {status.GetProperty("gatewayId").GetString()}{(string.IsNullOrEmpty(site) ? string.Empty : $" ({site})")}, edge-gateway {status.GetProperty("version").GetString()}, up {Age(TimeSpan.FromSeconds(health.GetProperty("uptimeSeconds").GetDouble()))}, {(healthy ? "healthy" : "UNHEALTHY: " + health.GetProperty("problem").GetString())}"));
        output.WriteLine($"config {status.GetProperty("configFile").GetString()}");
        foreach (var bus in health.GetProperty("buses").EnumerateArray())
        {
            output.WriteLine(Invariant($"bus {bus.GetProperty("name").GetString()} ({bus.GetProperty("port").GetString()}) {(bus.GetProperty("running").GetBoolean() ? "running" : "NOT RUNNING")}"));
            foreach (var device in bus.GetProperty("devices").EnumerateArray())
            {
                var lastAnswer = device.TryGetProperty("lastAnswer", out var at) ? $"last answer {Age(now - at.GetDateTimeOffset())} ago" : "never answered";
                output.WriteLine(Invariant($"  {device.GetProperty("name").GetString(),-8} slave {device.GetProperty("slave").GetInt32(),3}  {DeviceState(device),-9} {lastAnswer}; {device.GetProperty("cycles").GetInt64()} cycles, {device.GetProperty("timeouts").GetInt64()} timeouts, {device.GetProperty("crcErrors").GetInt64()} CRC errors, {device.GetProperty("exceptions").GetInt64()} exceptions, {(device.TryGetProperty("transportErrors", out var transport) ? transport.GetInt64() : 0)} transport errors"));
                if (device.TryGetProperty("outageSince", out var since) && since.ValueKind == JsonValueKind.String)
                {
                    output.WriteLine(Invariant($"           no answer for {Age(now - since.GetDateTimeOffset())}; readings flagged B"));
                }
                if (device.TryGetProperty("lastError", out var error))
                {
                    output.WriteLine($"           last error: {error.GetString()}");
                }
            }
        }

        var uplink = health.GetProperty("uplink");
        output.WriteLine(Invariant($"uplink {uplink.GetProperty("broker").GetString()} {(uplink.GetProperty("connected").GetBoolean() ? "connected" : "NOT CONNECTED (" + uplink.GetProperty("state").GetString() + ")")}, backlog {uplink.GetProperty("backlogRecords").GetInt64()} records (oldest {Age(TimeSpan.FromSeconds(uplink.GetProperty("backlogAgeSeconds").GetDouble()))}), {uplink.GetProperty("messagesAcknowledged").GetInt64()} messages acknowledged, {uplink.GetProperty("messagesFailed").GetInt64()} failed"));
        var storage = health.GetProperty("storage");
        output.WriteLine(Invariant($"storage {storage.GetProperty("path").GetString()}: {storage.GetProperty("usedBytes").GetInt64() / 1048576.0:0.0} MiB of {storage.GetProperty("maxBytes").GetInt64() / 1048576.0:0} MiB, last sequence {storage.GetProperty("lastSequence").GetInt64()}, acknowledged up to {storage.GetProperty("acknowledgedPrefix").GetInt64()}"));
        if (storage.TryGetProperty("problem", out var storageProblem))
        {
            // A full disk: the service goes on polling into memory; the technician must see that nothing is stored.
            var storing = !storage.TryGetProperty("storing", out var state) || state.GetBoolean();
            output.WriteLine($"        {(storing ? "STORAGE PROBLEM" : "NOT STORING")}: {storageProblem.GetString()}");
        }

        if (storage.TryGetProperty("stateFileFailures", out var fileFailures) && fileFailures.GetInt64() > 0 || storage.TryGetProperty("readingsLost", out var lost) && lost.GetInt64() > 0)
        {
            output.WriteLine(Invariant($"        {(storage.TryGetProperty("stateFileFailures", out var failures) ? failures.GetInt64() : 0)} failed state-file writes, {(storage.TryGetProperty("readingsLost", out var dropped) ? dropped.GetInt64() : 0)} readings lost (memory queue full) since the start"));
        }
        if (health.TryGetProperty("clock", out var clock))
        {
            var synchronized = clock.TryGetProperty("synchronized", out var state) && state.ValueKind != JsonValueKind.Null ? (state.GetBoolean() ? "synchronised" : "NOT synchronised") : "synchronisation unknown";
            output.WriteLine(Invariant($"clock {clock.GetProperty("source").GetString()}, {synchronized}{(clock.TryGetProperty("detail", out var detail) ? ": " + detail.GetString() : string.Empty)}"));

            // Only a gateway with a DS3231 reports these; without one the line above is all there is.
            if (clock.TryGetProperty("rtc", out var rtc))
            {
                var drift = clock.TryGetProperty("rtcDriftSeconds", out var seconds) ? Invariant($", drift {seconds.GetDouble():+0;-0;0} s") : string.Empty;
                var trusted = clock.TryGetProperty("trusted", out var trust) && trust.GetBoolean() ? "time trusted" : "time NOT TRUSTED (readings marked untrustedTime)";
                output.WriteLine(Invariant($"      rtc {rtc.GetString()}{drift}; {trusted}"));
            }
        }

        if (health.TryGetProperty("door", out var door))
        {
            output.WriteLine(DoorLine(door, now));
        }

        var pipeline = health.GetProperty("pipeline");
        output.WriteLine(Invariant($"pipeline {pipeline.GetProperty("channels").GetInt32()} channels, {pipeline.GetProperty("consumed").GetInt64()} readings consumed, {pipeline.GetProperty("ringRefused").GetInt64()} refused by the ring"));
    }

    // "door closed since 2026-11-28T22:14:03Z (2 h 5 min)"; an open door says whether it raised the tampering alarm.
    private static string DoorLine(JsonElement door, DateTimeOffset now)
    {
        var state = door.GetProperty("state").GetString();
        var since = door.TryGetProperty("since", out var at) ? Invariant($" since {at.GetDateTimeOffset().UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} ({Age(now - at.GetDateTimeOffset())})") : string.Empty;
        if (state != "open")
        {
            return $"door {state}{since}";
        }

        var alarm = door.TryGetProperty("alarm", out var raised) && raised.GetBoolean();
        return $"door OPEN{since} ({(alarm ? "no maintenance window: alarm raised" : "during a maintenance window")})";
    }

    // A line per HJ 212 platform, from its own command; a gateway too old to know it, or with none, has no line.
    private static void PrintPlatforms(TextWriter output, string socket, DateTimeOffset now)
    {
        try
        {
            using var client = ControlClient.Connect(socket);
            var response = client.Send("platforms");
            if (!response.Ok || response.Result is not { ValueKind: JsonValueKind.Array } result)
            {
                return;
            }

            foreach (var line in Technician.PlatformsCommand.Lines(result.Deserialize(ControlJsonContext.Default.ListPlatformLinkView) ?? [], now))
            {
                output.WriteLine("platform " + line);
            }
        }
        catch (Exception exception) when (exception is ControlUnavailableException or JsonException)
        {
            // The status above was answered; a connection lost since, or an answer not understood, is not worth an error.
        }
    }

    // The active emission alarms, from their own command; a gateway too old to know it just has no line.
    private static void PrintAlarms(TextWriter output, string socket)
    {
        try
        {
            using var client = ControlClient.Connect(socket);
            var response = client.Send("alarms");
            if (!response.Ok || response.Result is not { ValueKind: JsonValueKind.Array } result)
            {
                return;
            }

            var alarms = result.Deserialize(AlarmJsonContext.Default.ListActiveAlarm) ?? [];
            output.WriteLine(alarms.Count == 0 ? "alarms: none active" : $"alarms: {alarms.Count} active");
            foreach (var line in Technician.AlarmsCommand.Lines(alarms))
            {
                output.WriteLine("  " + line);
            }
        }
        catch (Exception exception) when (exception is ControlUnavailableException or JsonException)
        {
            // The status above was answered; a connection lost since, or an answer not understood, is not worth an error.
        }
    }

    private static string Age(TimeSpan age) =>
        age < TimeSpan.FromSeconds(90) ? Invariant($"{Math.Max(0, age.TotalSeconds):0.#} s")
        : age < TimeSpan.FromMinutes(90) ? Invariant($"{age.TotalMinutes:0} min")
        : age < TimeSpan.FromHours(48) ? Invariant($"{(int)age.TotalHours} h {age.Minutes} min")
        : Invariant($"{age.TotalDays:0.#} d");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
