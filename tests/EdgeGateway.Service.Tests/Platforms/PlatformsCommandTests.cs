using System.Text.Json;
using EdgeGateway.Control.Contract;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Platforms;
using EdgeGateway.Storage;
using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.Service.Tests.Platforms;

/// <summary>The control command <c>platforms</c>: every configured platform, its link's state, its own backlog.</summary>
public sealed class PlatformsCommandTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    private static readonly PlatformOptions[] Configured =
    [
        new() { Name = "province", Host = "203.0.113.10", Port = 8800, Mn = "MN1", Pw = "secret-1", Edition = Hj212Edition.Edition2017 },
        new() { Name = "city", Host = "203.0.113.11", Port = 9001, Mn = "MN2", Pw = "secret-2", Edition = Hj212Edition.Edition2025 },
        new() { Name = "park", Host = "203.0.113.12", Port = 7000, Mn = "MN3", Pw = "secret-3", Enabled = false },
    ];

    [Fact]
    public void Every_configured_platform_is_listed_in_order_with_its_link_state_and_its_own_backlog()
    {
        var source = new FakePlatformStatusSource();
        source.Statuses.Add(new PlatformStatus
        {
            Name = "city",
            Address = "tcp://203.0.113.11:9001",
            Edition = "2025",
            Enabled = true,
            Connected = false,
            NotConnectedReason = "connection refused",
            LastReplyAt = Now.AddMinutes(-12),
            PacketsSent = 40,
            Resends = 6,
            Unanswered = 2,
            BacklogRecords = 1,
        });
        source.Statuses.Add(new PlatformStatus
        {
            Name = "province",
            Address = "tcp://203.0.113.10:8800",
            Edition = "2017",
            Enabled = true,
            Connected = true,
            NotConnectedReason = "stale",
            ConnectedSince = Now.AddHours(-2),
            LastReplyAt = Now.AddSeconds(-3),
            PacketsSent = 1520,
            Resends = 4,
            LastHostCommand = "1062 RtdInterval=60",
            LastHostCommandResult = "QnRtn=1, ExeRtn=1",
            LastHostCommandAt = Now.AddMinutes(-5),
        });
        var backlogs = new Dictionary<string, OutboxBacklog>
        {
            ["hj212:province"] = new(0, null, null),
            ["hj212:city"] = new(312, 17, Now.AddMinutes(-12)),
            ["hj212:park"] = new(5000, 3, Now.AddDays(-1)),
        };
        var command = new PlatformsCommand(Configured, source, destination => backlogs[destination]);

        var views = Views(command.Handle(new ControlRequest(ControlProtocol.Version, "1", "platforms", null)));

        Assert.Equal(["province", "city", "park"], views.Select(view => view.Name));
        var (province, city, park) = (views[0], views[1], views[2]);
        Assert.True(province.Connected);
        Assert.Null(province.NotConnectedReason);
        Assert.Equal(("1062 RtdInterval=60", "QnRtn=1, ExeRtn=1"), (province.LastHostCommand, province.LastHostCommandResult));
        Assert.Equal(0, province.BacklogRecords);
        Assert.Equal(("connection refused", 40L, 6L, 2L), (city.NotConnectedReason, city.PacketsSent, city.Resends, city.Unanswered));
        Assert.Equal((312L, Now.AddMinutes(-12)), (city.BacklogRecords, city.OldestUnsentAt));
        Assert.False(park.Enabled);
        Assert.False(park.Connected);
        Assert.Equal(PlatformsCommand.Disabled, park.NotConnectedReason);
        Assert.Equal(5000, park.BacklogRecords);
        Assert.Equal("tcp://203.0.113.12:7000", park.Address);
    }

    [Fact]
    public void Without_links_every_enabled_platform_is_not_started_and_no_secret_is_in_the_reply()
    {
        var command = new PlatformsCommand(Configured, null, _ => null);

        var response = command.Handle(new ControlRequest(ControlProtocol.Version, "1", "platforms", null));

        var views = Views(response);
        Assert.Equal([PlatformsCommand.NotStarted, PlatformsCommand.NotStarted, PlatformsCommand.Disabled], views.Select(view => view.NotConnectedReason));
        Assert.Equal(["2017", "2025", "2017"], views.Select(view => view.Edition));
        var text = response.Result!.Value.GetRawText();
        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
    }

    private static List<PlatformLinkView> Views(ControlResponse response)
    {
        Assert.True(response.Ok, response.Error?.Message);
        return response.Result!.Value.Deserialize(ControlJsonContext.Default.ListPlatformLinkView)!;
    }
}
