using System.Diagnostics;
using System.Text.Json;
using EdgeGateway.Interop.Tests.Cli;
using EdgeGateway.Interop.Tests.Mqtt;

namespace EdgeGateway.Interop.Tests.Service;

/// <summary>
/// The built service on a full disk (an 8 MiB tmpfs as its data directory, filled by another file: needs root, as CI
/// runs) and with a second instance on the same config (issue 14, defects 2 and 7).
/// </summary>
public sealed class GatewayStorageTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Full_disk_does_not_stop_the_service_and_storage_failure_is_published_when_space_returns()
    {
        await using var site = await ServiceTestSite.StartAsync();
        using var tmpfs = SmallFileSystem.Mount(site.StateDirectory);
        using var gateway = site.StartGateway();
        await Poll.UntilAsync(() => PlatformStream.Readings(site.Platform.Messages).Count >= 40, Timeout, () => "40 readings before the disk fills\n" + gateway.Output);

        tmpfs.Fill();

        // The aggregation state is saved once a minute: wait for the first failed save, then two more minutes.
        var failing = await StatusUntilAsync(site, status => Storage(status).GetProperty("stateFileFailures").GetInt64() > 0, TimeSpan.FromMinutes(3), gateway);
        Assert.False(Storage(failing).GetProperty("storing").GetBoolean(), failing.ToString());
        await Task.Delay(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.False(gateway.HasExited, "the gateway exited on the full disk:\n" + gateway.Output);
        var stillFull = Egw.Run("status", "--socket", site.ControlSocket);
        Assert.True(stillFull.ExitCode == 0, stillFull.ToString());
        Assert.Contains("NOT STORING", stillFull.Output, StringComparison.Ordinal);
        Assert.Contains("aggregation-state.json not saved", stillFull.Output, StringComparison.Ordinal);
        var highestWhileFull = PlatformStream.HighestSequence(site.Platform.Messages);

        tmpfs.Free();

        // The held readings go in with a storage-failure event; nothing is missing in the numbering.
        await Poll.UntilAsync(
            () => StorageFailureEvents(site).Any() && PlatformStream.HighestSequence(site.Platform.Messages) > highestWhileFull + 1_000 && PlatformStream.Gaps(site.Platform.Messages).Count == 0,
            TimeSpan.FromMinutes(2),
            () => $"a storage-failure event and the held readings; {PlatformStream.Describe(site.Platform.Messages)}\n{gateway.Output}");
        var detail = StorageFailureEvents(site).First();
        Assert.True(detail.GetProperty("readingsHeld").GetInt64() > 1_000, detail.ToString());
        Assert.Equal(0, detail.GetProperty("readingsLost").GetInt64());
        var recovered = await StatusUntilAsync(site, status => Storage(status).GetProperty("storing").GetBoolean() && !Storage(status).TryGetProperty("problem", out _), Timeout, gateway);
        Assert.True(Storage(recovered).GetProperty("stateFileFailures").GetInt64() > 0);
        Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_start_on_a_full_disk_runs_says_why_it_cannot_store_and_stores_when_space_returns()
    {
        await using var site = await ServiceTestSite.StartAsync();
        using var tmpfs = SmallFileSystem.Mount(site.StateDirectory);
        tmpfs.Fill();

        using var gateway = site.StartGateway();
        var full = await StatusUntilAsync(site, status => Storage(status).TryGetProperty("problem", out _) && status.GetProperty("health").GetProperty("pipeline").GetProperty("consumed").GetInt64() > 100, Timeout, gateway);
        Assert.False(Storage(full).GetProperty("storing").GetBoolean(), full.ToString());
        Assert.Contains("cannot be opened", Storage(full).GetProperty("problem").GetString(), StringComparison.Ordinal);

        tmpfs.Free();
        await Poll.UntilAsync(
            () => StorageFailureEvents(site).Any() && PlatformStream.Readings(site.Platform.Messages).Count > 100 && PlatformStream.Gaps(site.Platform.Messages).Count == 0,
            Timeout,
            () => $"a storage-failure event and the readings held since the start; {PlatformStream.Describe(site.Platform.Messages)}\n{gateway.Output}");
        Assert.Equal(1, PlatformStream.Readings(site.Platform.Messages).Min(reading => reading.Sequence));
        Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_second_instance_on_the_same_config_exits_1_naming_the_first_PID_and_the_first_keeps_storing()
    {
        await using var site = await ServiceTestSite.StartAsync();
        using var first = site.StartGateway();
        await Poll.UntilAsync(() => PlatformStream.Readings(site.Platform.Messages).Count >= 20, Timeout, () => "20 readings from the first instance\n" + first.Output);

        var (exitCode, output) = GatewayProcess.Run(["--config", site.ConfigFile]);

        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        Assert.Contains($"PID {first.Id}", output, StringComparison.Ordinal);
        Assert.Contains(site.StateDirectory, output, StringComparison.Ordinal);
        Assert.False(first.HasExited, first.Output);

        // The first still owns its control socket and its outbox: it answers, and its records go on without a gap.
        var status = Egw.Run("status", "--socket", site.ControlSocket);
        Assert.True(status.ExitCode == 0, status.ToString());
        var highest = PlatformStream.HighestSequence(site.Platform.Messages);
        await Poll.UntilAsync(
            () => PlatformStream.HighestSequence(site.Platform.Messages) > highest + 100 && PlatformStream.Gaps(site.Platform.Messages).Count == 0,
            Timeout,
            () => $"100 more records from the first instance; {PlatformStream.Describe(site.Platform.Messages)}\n{first.Output}");
        var json = Egw.Run("status", "--json", "--socket", site.ControlSocket);
        using (var document = JsonDocument.Parse(json.Output))
        {
            var storage = Storage(document.RootElement);
            Assert.True(storage.GetProperty("storing").GetBoolean(), storage.ToString());
            Assert.Equal(0, storage.GetProperty("failedAppends").GetInt64());
        }

        Assert.Equal(0, first.Terminate(TimeSpan.FromSeconds(10)));
    }

    private static JsonElement Storage(JsonElement status) => status.GetProperty("health").GetProperty("storage");

    private static IEnumerable<JsonElement> StorageFailureEvents(ServiceTestSite site) =>
        site.Platform.Messages
            .Where(message => message.Topic.EndsWith("/events", StringComparison.Ordinal))
            .Select(message => JsonDocument.Parse(message.Payload).RootElement.GetProperty("event"))
            .Where(item => item.GetProperty("kind").GetString() == "storage-failure")
            .Select(item => item.GetProperty("detail").Clone());

    // egw status --json, asked once a second until the condition holds.
    private static async Task<JsonElement> StatusUntilAsync(ServiceTestSite site, Func<JsonElement, bool> condition, TimeSpan timeout, GatewayProcess gateway)
    {
        var waited = Stopwatch.StartNew();
        var last = string.Empty;
        while (waited.Elapsed < timeout && !gateway.HasExited)
        {
            var run = Egw.Run("status", "--json", "--socket", site.ControlSocket);
            last = run.ToString();
            if (run.ExitCode == 0)
            {
                var status = JsonDocument.Parse(run.Output).RootElement.Clone();
                if (condition(status))
                {
                    return status;
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        }

        Assert.Fail($"egw status never showed what was waited for within {timeout.TotalSeconds:0} s (exited: {gateway.HasExited}); last: {last}\n{gateway.Output}");
        return default;
    }
}
