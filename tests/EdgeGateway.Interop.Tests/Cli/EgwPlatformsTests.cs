using System.Text.Json;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;
using EdgeGateway.Primitives.Commands;

namespace EdgeGateway.Interop.Tests.Cli;

/// <summary>
/// <c>egw platforms</c> and the platform lines of <c>egw status</c>, against a control socket that answers as the
/// service does: one line per HJ 212 platform, JSON on request, the exit codes of every egw command.
/// </summary>
public sealed class EgwPlatformsTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-platforms-").FullName;
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private bool _knowsPlatforms = true;
    private ControlServer? _server;

    private string SocketPath => Path.Combine(_directory, "control.sock");

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Platforms_prints_a_line_per_platform_with_its_state_counters_backlog_and_last_command()
    {
        var run = Run("platforms");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        // egw measures the ages against its own clock when it prints; a busy machine may take a few seconds to start it.
        Assert.Matches(@"^province  tcp://203\.0\.113\.10:8800  HJ 212-2017  connected 2 h 0 min, last reply \d+ s ago; sent 1520, resends 4, unanswered 0; backlog 0; last command 1062 RtdInterval=60: QnRtn=1, ExeRtn=1 \(5 min ago\)", lines[0]);
        Assert.StartsWith("city      tcp://203.0.113.11:9001  HJ 212-2025  NOT CONNECTED (connection refused), last reply 12 min ago; sent 40, resends 6, unanswered 2; backlog 312 records (oldest 12 min); no host command yet", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("park      tcp://203.0.113.12:7000  HJ 212-2017  disabled, no reply yet;", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Platforms_json_is_the_control_reply()
    {
        var run = Run("platforms", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var platforms = JsonSerializer.Deserialize(run.Output, ControlJsonContext.Default.ListPlatformLinkView)!;
        Assert.Equal(["province", "city", "park"], platforms.Select(platform => platform.Name));
        Assert.Equal(312, platforms[1].BacklogRecords);
    }

    [Fact]
    public void Status_has_a_line_per_platform()
    {
        var run = Run("status");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("\nplatform province  tcp://203.0.113.10:8800  HJ 212-2017  connected", run.Output, StringComparison.Ordinal);
        Assert.Contains("\nplatform city      tcp://203.0.113.11:9001  HJ 212-2025  NOT CONNECTED (connection refused)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gateway_that_does_not_know_platforms_fails_platforms_and_leaves_status_without_platform_lines()
    {
        _knowsPlatforms = false;

        var platforms = Run("platforms");
        var status = Run("status");

        Assert.Equal(1, platforms.ExitCode);
        Assert.Contains("unknown command 'platforms'", platforms.Error, StringComparison.Ordinal);
        Assert.Equal(0, status.ExitCode);
        Assert.DoesNotContain("platform ", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_running_gateway_platforms_exits_3_and_help_describes_the_command()
    {
        var unavailable = Egw.Run("platforms", "--socket", Path.Combine(_directory, "nobody.sock"));
        var help = Egw.Run("platforms", "--help");

        Assert.Equal(3, unavailable.ExitCode);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("HJ 212 platforms", help.Output, StringComparison.Ordinal);
        Assert.Contains("--json", help.Output, StringComparison.Ordinal);
    }

    private EgwRun Run(params string[] args)
    {
        _server ??= ControlServer.Start(SocketPath, HandleAsync);
        return Egw.Run([.. args, "--socket", SocketPath]);
    }

    private ValueTask<ControlResponse> HandleAsync(ControlRequest request, ControlCaller caller, CancellationToken cancellationToken) => ValueTask.FromResult(request.Command switch
    {
        "platforms" when _knowsPlatforms => ControlResponse.Success(request.Id, JsonSerializer.SerializeToElement(Platforms(), ControlJsonContext.Default.ListPlatformLinkView)),
        "status" => ControlResponse.Success(request.Id, Status()),
        _ => ControlResponse.Failure(request.Id, CommandErrorCodes.UnknownCommand, $"unknown command '{request.Command}'"),
    });

    private List<PlatformLinkView> Platforms() =>
    [
        new("province", "tcp://203.0.113.10:8800", "2017", true, true, null, _now.AddHours(-2), _now.AddSeconds(-3), 1520, 4, 0, 0, 0, null, "1062 RtdInterval=60", "QnRtn=1, ExeRtn=1", _now.AddMinutes(-5)),
        new("city", "tcp://203.0.113.11:9001", "2025", true, false, "connection refused", null, _now.AddMinutes(-12), 40, 6, 2, 0, 312, _now.AddMinutes(-12), null, null, null),
        new("park", "tcp://203.0.113.12:7000", "2017", false, false, "disabled in gateway.json", null, null, 0, 0, 0, 0, 5000, _now.AddDays(-1), null, null, null),
    ];

    private static JsonElement Status()
    {
        using var document = JsonDocument.Parse("""
            { "gatewayId": "gw", "site": "", "version": "0.1.0", "startedAt": "2026-11-28T20:00:00Z", "configFile": "/etc/edge-gateway/gateway.json",
              "health": { "at": "2026-11-28T22:30:00Z", "uptimeSeconds": 9000, "healthy": true, "buses": [],
                "pipeline": { "consumerRunning": true, "consumed": 10, "ringRefused": 0, "channels": 2 },
                "storage": { "path": "/var/lib/edge-gateway/outbox.db", "usedBytes": 1048576, "maxBytes": 1073741824, "lastSequence": 10, "acknowledgedPrefix": 10 },
                "uplink": { "broker": "mqtt://127.0.0.1:1883", "state": "Connected", "connected": true, "connects": 1, "backlogRecords": 0, "backlogAgeSeconds": 0, "messagesAcknowledged": 5, "messagesFailed": 0 } } }
            """);
        return document.RootElement.Clone();
    }
}
