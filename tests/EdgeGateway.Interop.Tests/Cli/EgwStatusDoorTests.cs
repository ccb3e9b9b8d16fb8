using System.Text.Json;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;

namespace EdgeGateway.Interop.Tests.Cli;

/// <summary>
/// <c>egw status</c>'s door line, against a control socket that answers with a status document carrying a door (the
/// service's own door needs GPIO, which test machines lack): the state, since when, and whether the alarm was raised.
/// </summary>
public sealed class EgwStatusDoorTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-door-").FullName;
    private string _door = string.Empty;
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
    public void An_open_door_outside_maintenance_shows_the_alarm()
    {
        var output = Status("""{ "state": "open", "since": "2026-11-28T22:14:03.120Z", "alarm": true }""");

        Assert.Contains("\ndoor OPEN since 2026-11-28T22:14:03Z (", output, StringComparison.Ordinal);
        Assert.Contains(") (no maintenance window: alarm raised)\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_door_during_maintenance_says_so_and_a_closed_door_shows_since_when()
    {
        Assert.Contains("(during a maintenance window)", Status("""{ "state": "open", "since": "2026-11-28T22:14:03Z", "alarm": false }"""), StringComparison.Ordinal);
        Assert.Contains("\ndoor closed since 2026-11-28T22:20:00Z (", Status("""{ "state": "closed", "since": "2026-11-28T22:20:00Z", "alarm": false }"""), StringComparison.Ordinal);
        Assert.Contains("\ndoor unknown\n", Status("""{ "state": "unknown", "alarm": false }"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_door_switch_there_is_no_door_line()
    {
        Assert.DoesNotContain("door", Status(null), StringComparison.Ordinal);
    }

    private string Status(string? door)
    {
        _door = door is null ? string.Empty : $""", "door": {door}""";
        _server ??= ControlServer.Start(SocketPath, HandleAsync);
        var run = Egw.Run("status", "--socket", SocketPath);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Output;
    }

    private ValueTask<ControlResponse> HandleAsync(ControlRequest request, ControlCaller caller, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse($$"""
            { "gatewayId": "gw", "site": "", "version": "0.1.0", "startedAt": "2026-11-28T20:00:00Z", "configFile": "/etc/edge-gateway/gateway.json",
              "health": { "at": "2026-11-28T22:30:00Z", "uptimeSeconds": 9000, "healthy": true, "buses": [],
                "pipeline": { "consumerRunning": true, "consumed": 10, "ringRefused": 0, "channels": 2 },
                "storage": { "path": "/var/lib/edge-gateway/outbox.db", "usedBytes": 1048576, "maxBytes": 1073741824, "lastSequence": 10, "acknowledgedPrefix": 10 },
                "uplink": { "broker": "mqtt://127.0.0.1:1883", "state": "Connected", "connected": true, "connects": 1, "backlogRecords": 0, "backlogAgeSeconds": 0, "messagesAcknowledged": 5, "messagesFailed": 0 }{{_door}} } }
            """);
        return ValueTask.FromResult(ControlResponse.Success(request.Id, document.RootElement.Clone()));
    }
}
