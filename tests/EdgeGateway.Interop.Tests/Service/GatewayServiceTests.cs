using System.Text.Json;
using EdgeGateway.Interop.Tests.Mqtt;
using EdgeGateway.Interop.Tests.Uplink;
using EdgeGateway.Storage;
using EdgeGateway.Testing.Uplink;

namespace EdgeGateway.Interop.Tests.Service;

/// <summary>
/// The built service as a child process against real peers (mosquitto, pymodbus over a pty, the simulator over TCP):
/// what the platform receives, kill -9 and broker outages with zero gaps in the sequence numbers, SIGTERM.
/// </summary>
public sealed class GatewayServiceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Readings_and_aggregates_arrive_a_kill_9_mid_run_leaves_no_gap_and_sigterm_exits_0()
    {
        await using var site = await ServiceTestSite.StartAsync();
        long highestBeforeKill;
        using (var first = site.StartGateway())
        {
            await Poll.UntilAsync(() => PlatformStream.Readings(site.Platform.Messages).Count >= 80, Timeout, () => "80 readings before the kill\n" + first.Output);
            first.KillHard();
            highestBeforeKill = PlatformStream.HighestSequence(site.Platform.Messages);
        }

        using var second = site.StartGateway();
        await Poll.UntilAsync(
            () => site.Platform.Messages.Any(message => message.Topic.EndsWith("/aggregates/minute", StringComparison.Ordinal))
                && PlatformStream.HighestSequence(site.Platform.Messages) > highestBeforeKill + 100,
            Timeout,
            () => "a minute record and 100 more records after the restart\n" + second.Output);

        var exitCode = second.Terminate(TimeSpan.FromSeconds(10));
        Assert.True(exitCode is not null, "SIGTERM did not stop the gateway within 10 s:\n" + second.Output);
        Assert.Equal(0, exitCode);

        // Everything the outbox holds reached the platform: the stop flushed the last records, and the records the
        // kill left unpublished were sent after the restart.
        long stored;
        using (var outbox = SqliteOutbox.Open(new SqliteOutboxOptions { Path = Path.Combine(site.StateDirectory, "outbox.db") }))
        {
            stored = outbox.LastSequence;
        }

        await Poll.UntilAsync(() => PlatformStream.HighestSequence(site.Platform.Messages) >= stored, TimeSpan.FromSeconds(10), () => $"sequence {stored} at the platform; {PlatformStream.Describe(site.Platform.Messages)}");
        var messages = site.Platform.Messages;
        Assert.True(PlatformStream.Gaps(messages).Count == 0, PlatformStream.Describe(messages));
        Assert.Equal(stored, PlatformStream.HighestSequence(messages));

        // Values match what pymodbus serves: 123 × 0.1 mg/m³ particulate, 45000 × 0.001 m³/s flow.
        var readings = PlatformStream.Readings(messages);
        var particulate = readings.Where(reading => reading.Channel == "dust.particulate").ToArray();
        Assert.NotEmpty(particulate);
        Assert.All(particulate.Where(reading => reading.Value is not null), reading => Assert.Equal(12.3, reading.Value!.Value, 9));
        Assert.True(particulate.Count(reading => reading.Flag == "N") >= particulate.Length * 0.8, "most particulate readings are flagged N: " + string.Join(' ', particulate.Select(reading => reading.Flag)));
        Assert.All(readings.Where(reading => reading.Channel == "dust.flow" && reading.Value is not null), reading => Assert.Equal(45.0, reading.Value!.Value, 9));
        Assert.Contains(readings, reading => reading.Channel == "cems.so2" && reading.Flag == "N" && reading.Value is not null);

        // The minute record of the particulate channel averages the constant 12.3.
        var minute = messages.Where(message => message.Topic.EndsWith("/aggregates/minute", StringComparison.Ordinal))
            .SelectMany(message => AggregateRecords.Of(message.Payload))
            .FirstOrDefault(record => record.GetProperty("channel").GetString() == "dust.particulate" && record.TryGetProperty("avg", out _));
        Assert.True(minute.ValueKind == JsonValueKind.Object, "a minute record of dust.particulate with an average");
        Assert.Equal(12.3, minute.GetProperty("avg").GetDouble(), 6);

        // The retained status carries a health summary with the devices of both buses.
        var health = messages.Where(message => message.Topic.EndsWith("/status", StringComparison.Ordinal) && message.Text.Contains("\"health\"", StringComparison.Ordinal))
            .Select(message => JsonDocument.Parse(message.Payload).RootElement.GetProperty("health")).LastOrDefault();
        Assert.True(health.ValueKind == JsonValueKind.Object, "a status message with a health summary");
        Assert.True(health.GetProperty("healthy").GetBoolean());
        Assert.Equal(["rs485-1", "cems-tcp"], health.GetProperty("buses").EnumerateArray().Select(bus => bus.GetProperty("name").GetString()));
        Assert.Contains(health.GetProperty("buses")[0].GetProperty("devices").EnumerateArray(), device => device.GetProperty("name").GetString() == "dust" && device.GetProperty("cycles").GetInt64() > 0);

        using var schemas = new ContractSchemas();
        foreach (var message in messages)
        {
            var suffix = message.Topic[$"egw/{ServiceTestSite.GatewayId}/".Length..];
            Assert.Empty(schemas.Validate(suffix, message.Payload));
        }
    }

    [Fact]
    public async Task A_broker_outage_under_steady_load_leaves_no_gap_and_live_data_resume()
    {
        await using var site = await ServiceTestSite.StartAsync();
        using var gateway = site.StartGateway();
        await Poll.UntilAsync(() => PlatformStream.Readings(site.Platform.Messages).Count >= 40, Timeout, () => "40 readings before the outage\n" + gateway.Output);

        await site.Broker.StopAsync();
        var highestBeforeOutage = PlatformStream.HighestSequence(site.Platform.Messages);
        await Task.Delay(TimeSpan.FromSeconds(6), TestContext.Current.CancellationToken);
        await site.Broker.StartAsync();

        // About 6 s × ~30 readings/s were polled and stored during the outage; they and the live data after it arrive.
        await Poll.UntilAsync(
            () => PlatformStream.HighestSequence(site.Platform.Messages) > highestBeforeOutage + 300 && PlatformStream.Gaps(site.Platform.Messages).Count == 0,
            Timeout,
            () => $"no gap after the outage; {PlatformStream.Describe(site.Platform.Messages)}\n{gateway.Output}");
        Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
        Assert.Contains("Connected to", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_outbox_is_quarantined_and_the_gateway_says_so_and_runs_on()
    {
        await using var site = await ServiceTestSite.StartAsync();
        Directory.CreateDirectory(site.StateDirectory);
        var database = Path.Combine(site.StateDirectory, "outbox.db");
        await File.WriteAllBytesAsync(database, [.. "SQLite format 3\0"u8, .. Enumerable.Repeat((byte)0xA5, 8192)], TestContext.Current.CancellationToken);

        using var gateway = site.StartGateway();
        await Poll.UntilAsync(
            () => site.Platform.Messages.Any(message => message.Topic.EndsWith("/events", StringComparison.Ordinal) && message.Text.Contains("\"store-quarantined\"", StringComparison.Ordinal))
                && PlatformStream.Readings(site.Platform.Messages).Count > 0,
            Timeout,
            () => "a store-quarantined event and readings\n" + gateway.Output);
        Assert.Contains(Directory.EnumerateFiles(site.StateDirectory), file => Path.GetFileName(file).StartsWith("outbox.db.corrupt-", StringComparison.Ordinal));
        Assert.Contains("damaged", gateway.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
    }
}
