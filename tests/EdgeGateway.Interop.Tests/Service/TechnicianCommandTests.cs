using System.Text.Json;
using EdgeGateway.Control.Contract;
using EdgeGateway.Interop.Tests.Cli;
using EdgeGateway.Interop.Tests.Mqtt;

namespace EdgeGateway.Interop.Tests.Service;

/// <summary>
/// A maintenance visit through <c>egw</c> against the running service: readings flagged M meanwhile, an event on the
/// platform topic, the audit trail naming who (the kernel's uid), and back to N after the stop.
/// </summary>
public sealed class TechnicianCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Maintenance_flags_readings_M_survives_a_restart_is_announced_and_audited_and_ends_on_stop()
    {
        await using var site = await ServiceTestSite.StartAsync();
        using var gateway = site.StartGateway();
        await Poll.UntilAsync(() => PlatformStream.Readings(site.Platform.Messages).Count >= 30, Timeout, () => "30 readings\n" + gateway.Output);

        var start = Egw.Run("maintenance", "start", "--device", "dust", "--reason", "filter change", "--for", "10m", "--socket", site.ControlSocket);
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains("readings of dust.particulate", start.Output, StringComparison.Ordinal);
        var startedAt = PlatformStream.HighestSequence(site.Platform.Messages);

        // Readings polled after the command (a cycle or two later) carry M; the CEMS, not in maintenance, does not.
        await Poll.UntilAsync(
            () => DustAfter(site, startedAt + 60).Any() && CemsAfter(site, startedAt + 60).Any(),
            Timeout,
            () => "dust and CEMS readings after the start\n" + gateway.Output);
        Assert.All(DustAfter(site, startedAt + 60), reading => Assert.Equal("M", reading.Flag));
        Assert.All(CemsAfter(site, startedAt + 60), reading => Assert.NotEqual("M", reading.Flag));
        await Poll.UntilAsync(
            () => site.Platform.Messages.Any(message => message.Topic.EndsWith("/events", StringComparison.Ordinal) && message.Text.Contains("\"maintenance\"", StringComparison.Ordinal) && message.Text.Contains("filter change", StringComparison.Ordinal)),
            Timeout,
            "a maintenance event on the platform topic");

        // A restart of the service during the visit keeps the window: readings after it are still M.
        Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
        using var restarted = site.StartGateway();
        var restartedAt = PlatformStream.HighestSequence(site.Platform.Messages);
        await Poll.UntilAsync(() => DustAfter(site, restartedAt + 60).Any(), Timeout, () => "dust readings after the restart\n" + restarted.Output);
        Assert.All(DustAfter(site, restartedAt + 60), reading => Assert.Equal("M", reading.Flag));

        var unknown = Egw.Run("maintenance", "start", "--device", "ghost", "--reason", "x", "--socket", site.ControlSocket);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no device 'ghost'", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, Egw.Run("maintenance", "start", "--device", "dust", "--socket", site.ControlSocket).ExitCode);

        var stop = Egw.Run("maintenance", "stop", "--device", "dust", "--socket", site.ControlSocket);
        Assert.True(stop.ExitCode == 0, stop.ToString());
        var stoppedAt = PlatformStream.HighestSequence(site.Platform.Messages);
        await Poll.UntilAsync(() => DustAfter(site, stoppedAt + 60).Any(), Timeout, "dust readings after the stop");
        Assert.All(DustAfter(site, stoppedAt + 60), reading => Assert.Equal("N", reading.Flag));

        // Issue 17, item 5: ending a window that is not open reported success and sent "maintenance ended".
        var stopAgain = Egw.Run("maintenance", "stop", "--device", "dust", "--socket", site.ControlSocket);
        Assert.Equal(1, stopAgain.ExitCode);
        Assert.Contains("no maintenance window is open on device dust", stopAgain.Error, StringComparison.Ordinal);

        var audit = Egw.Run("audit", "--json", "--since", "1h", "--socket", site.ControlSocket);
        Assert.True(audit.ExitCode == 0, audit.ToString());
        var entries = JsonDocument.Parse(audit.Output).RootElement.EnumerateArray().ToArray();
        Assert.Equal(["maintenance-start", "maintenance-stop"], entries.Select(entry => entry.GetProperty("action").GetString()));
        Assert.All(entries, entry => Assert.Equal("device dust", entry.GetProperty("target").GetString()));
        Assert.Equal("filter change", entries[0].GetProperty("reason").GetString());
        Assert.Equal(OwnUid(), entries[0].GetProperty("userId").GetUInt32());
        Assert.StartsWith("maintenance until ", entries[0].GetProperty("after").GetString(), StringComparison.Ordinal);
        Assert.Contains("maintenance-start device dust \"filter change\"", Egw.Run("audit", "--socket", site.ControlSocket).Output, StringComparison.Ordinal);
        Assert.Equal(0, restarted.Terminate(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Outbox_status_shows_the_store_and_resend_sends_a_range_again_with_its_sequence_numbers()
    {
        await using var site = await ServiceTestSite.StartAsync();
        using var gateway = site.StartGateway();
        await Poll.UntilAsync(() => PlatformStream.Readings(site.Platform.Messages).Count >= 60, Timeout, () => "60 readings\n" + gateway.Output);

        var status = Egw.Run("outbox", "status", "--json", "--socket", site.ControlSocket);
        Assert.True(status.ExitCode == 0, status.ToString());
        var outbox = JsonDocument.Parse(status.Output).RootElement;
        Assert.True(outbox.GetProperty("lastSequence").GetInt64() >= 60);
        Assert.Equal(Path.Combine(site.StateDirectory, "outbox.db"), outbox.GetProperty("path").GetString());
        Assert.Contains("not yet acknowledged by the platform:", Egw.Run("outbox", "status", "--socket", site.ControlSocket).Output, StringComparison.Ordinal);

        var resend = Egw.Run("outbox", "resend", "--from", "10m", "--socket", site.ControlSocket);
        Assert.True(resend.ExitCode == 0, resend.ToString());
        Assert.Matches(@"re-sending \d+ realtime records", resend.Output);
        await Poll.UntilAsync(
            () => site.Platform.Messages.Any(message => message.Text.Contains("\"resent\":true", StringComparison.Ordinal)),
            Timeout,
            "re-sent readings at the platform");
        var resent = PlatformStream.Readings(site.Platform.Messages.Where(message => message.Text.Contains("\"resent\":true", StringComparison.Ordinal)));
        var original = PlatformStream.Readings(site.Platform.Messages.Where(message => !message.Text.Contains("\"resent\":true", StringComparison.Ordinal))).ToDictionary(reading => reading.Sequence, reading => reading.Channel);
        Assert.All(resent.Where(reading => original.ContainsKey(reading.Sequence)), reading => Assert.Equal(original[reading.Sequence], reading.Channel));

        Assert.Equal(2, Egw.Run("outbox", "resend", "--from", "yesterday-ish", "--socket", site.ControlSocket).ExitCode);
        var audit = Egw.Run("audit", "--socket", site.ControlSocket);
        Assert.Contains("outbox-resend realtime", audit.Output, StringComparison.Ordinal);
        Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Trend_through_the_control_socket_gives_a_channels_stored_readings_oldest_first()
    {
        await using var site = await ServiceTestSite.StartAsync();
        using var gateway = site.StartGateway();
        await Poll.UntilAsync(() => PlatformStream.Readings(site.Platform.Messages).Count(reading => reading.Channel == "cems.so2") >= 5, Timeout, () => "5 SO2 readings\n" + gateway.Output);

        using var client = ControlClient.Connect(site.ControlSocket);
        var response = client.Send("trend", JsonDocument.Parse("""{"channel":"cems.so2","maxPoints":10}""").RootElement);
        Assert.True(response.Ok, ControlClient.Describe(response.Error));
        var trend = response.Result!.Value;
        Assert.Equal("a21026", trend.GetProperty("code").GetString());
        Assert.Equal("readings", trend.GetProperty("period").GetString());
        var points = trend.GetProperty("points").EnumerateArray().ToArray();
        Assert.NotEmpty(points);
        Assert.True(points.Length <= 10);
        var times = points.Select(point => point.GetProperty("t").GetDateTimeOffset()).ToArray();
        Assert.Equal(times.Order(), times);
        Assert.All(points, point => Assert.True(point.GetProperty("n").GetInt32() >= 1));

        var unknown = client.Send("trend", JsonDocument.Parse("""{"channel":"cems.ghost"}""").RootElement);
        Assert.Equal("not-found", unknown.Error?.Code);
        Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Maintenance_on_behalf_of_a_console_user_is_listed_audited_and_announced_with_both_names()
    {
        await using var site = await ServiceTestSite.StartAsync();
        using var gateway = site.StartGateway();
        await Poll.UntilAsync(() => PlatformStream.Readings(site.Platform.Messages).Count >= 10, Timeout, () => "10 readings\n" + gateway.Output);
        using var client = ControlClient.Connect(site.ControlSocket);

        var forged = client.Send("maintenance", JsonDocument.Parse("""{"action":"start","channel":"cems.so2","reason":"x","onBehalfOf":"alice smith"}""").RootElement);
        Assert.Equal("invalid-argument", forged.Error?.Code);
        Assert.Contains("onBehalfOf", forged.Error!.Message, StringComparison.Ordinal);

        var start = client.Send("maintenance", JsonDocument.Parse("""{"action":"start","channel":"cems.so2","reason":"probe cleaning","forSeconds":600,"onBehalfOf":"alice"}""").RootElement);
        Assert.True(start.Ok, ControlClient.Describe(start.Error));
        var windows = client.Send("windows");
        Assert.True(windows.Ok, ControlClient.Describe(windows.Error));
        var window = Assert.Single(windows.Result!.Value.GetProperty("maintenance").EnumerateArray());
        Assert.Equal("cems.so2", window.GetProperty("channel").GetString());
        Assert.Equal("probe cleaning", window.GetProperty("reason").GetString());
        Assert.Matches(@"^alice \(as .+\)$", window.GetProperty("user").GetString());
        Assert.Equal(JsonValueKind.String, window.GetProperty("startedAt").ValueKind);
        Assert.Empty(windows.Result!.Value.GetProperty("calibration").EnumerateArray());
        var list = Egw.Run("maintenance", "list", "--socket", site.ControlSocket);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches(@"M  cems\.so2  until .+ by alice \(as .+\): probe cleaning", list.Output);

        var stop = client.Send("maintenance", JsonDocument.Parse("""{"action":"stop","channel":"cems.so2","onBehalfOf":"alice"}""").RootElement);
        Assert.True(stop.Ok, ControlClient.Describe(stop.Error));
        Assert.Equal("no maintenance or calibration window is open", Egw.Run("maintenance", "list", "--socket", site.ControlSocket).Output.Trim());

        var audit = Egw.Run("audit", "--json", "--since", "1h", "--socket", site.ControlSocket);
        var entries = JsonDocument.Parse(audit.Output).RootElement.EnumerateArray().ToArray();
        Assert.Equal(["maintenance-start", "maintenance-stop"], entries.Select(entry => entry.GetProperty("action").GetString()));
        Assert.All(entries, entry => Assert.Equal("alice", entry.GetProperty("onBehalfOf").GetString()));
        Assert.All(entries, entry => Assert.Equal(OwnUid(), entry.GetProperty("userId").GetUInt32()));
        Assert.Contains($"alice (web console, as {entries[0].GetProperty("user").GetString()}, uid {OwnUid()}) maintenance-start channel cems.so2", Egw.Run("audit", "--socket", site.ControlSocket).Output, StringComparison.Ordinal);
        await Poll.UntilAsync(
            () => site.Platform.Messages.Count(message => message.Topic.EndsWith("/events", StringComparison.Ordinal) && message.Text.Contains("\"onBehalfOf\":\"alice\"", StringComparison.Ordinal)) >= 2,
            Timeout,
            "the start and the end on the platform's events topic, on behalf of alice");
        Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
    }

    private static IEnumerable<(long Sequence, string Channel, double? Value, string Flag)> DustAfter(ServiceTestSite site, long sequence) =>
        PlatformStream.Readings(site.Platform.Messages).Where(reading => reading.Sequence > sequence && reading.Channel.StartsWith("dust.", StringComparison.Ordinal) && reading.Value is not null);

    private static IEnumerable<(long Sequence, string Channel, double? Value, string Flag)> CemsAfter(ServiceTestSite site, long sequence) =>
        PlatformStream.Readings(site.Platform.Messages).Where(reading => reading.Sequence > sequence && reading.Channel == "cems.so2");

    private static uint OwnUid() =>
        uint.Parse(File.ReadLines("/proc/self/status").First(line => line.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
}
