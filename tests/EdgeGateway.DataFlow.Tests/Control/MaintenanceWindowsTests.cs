using EdgeGateway.Control;
using EdgeGateway.Control.Contract;
using EdgeGateway.Control.Contract.Windows;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Validation;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.DataFlow.Tests.Control;

public sealed class MaintenanceWindowsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly ChannelTable _channels = new(
    [
        new ChannelDefinition(0, "cems", "so2", "a21026", "mg/m³", null),
        new ChannelDefinition(1, "cems", "nox", "a21002", "mg/m³", null),
        new ChannelDefinition(2, "dust", "particulate", "a34013", "mg/m³", null),
    ]);

    [Fact]
    public void A_device_selects_all_its_channels_and_a_channel_itself()
    {
        var windows = new MaintenanceWindows(_channels, new GatewayChannelStateHolder(new GatewayChannelState(3)));
        Assert.True(windows.TrySelect("cems", null, out var device, out _));
        Assert.Equal(["cems.so2", "cems.nox"], device.Select(channel => channel.Key));
        Assert.True(windows.TrySelect(null, "dust.particulate", out var one, out _));
        Assert.Equal("dust.particulate", Assert.Single(one).Key);
    }

    [Theory]
    [InlineData("ghost", null, "no device 'ghost'")]
    [InlineData(null, "cems.so3", "no channel 'cems.so3'")]
    [InlineData(null, null, "either a device or a channel")]
    [InlineData("cems", "cems.so2", "either a device or a channel")]
    public void A_selector_naming_nothing_is_refused(string? device, string? channel, string message)
    {
        var windows = new MaintenanceWindows(_channels, new GatewayChannelStateHolder(new GatewayChannelState(3)));
        Assert.False(windows.TrySelect(device, channel, out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_sets_the_end_on_the_selected_channels_only_and_stop_clears_it_keeping_the_rest()
    {
        var calibration = new ChannelOverride(CalibrationUntil: Now.AddHours(1));
        var holder = new GatewayChannelStateHolder(new GatewayChannelState(3).With(0, calibration));
        var windows = new MaintenanceWindows(_channels, holder);
        windows.TrySelect("cems", null, out var cems, out _);

        var previous = windows.Start(cems, Now.AddHours(2));
        Assert.Equal([null, null], previous);
        Assert.Equal(Now.AddHours(2), holder.Current[0].MaintenanceUntil);
        Assert.Equal(Now.AddHours(2), holder.Current[1].MaintenanceUntil);
        Assert.Null(holder.Current[2].MaintenanceUntil);
        Assert.Equal(calibration.CalibrationUntil, holder.Current[0].CalibrationUntil);
        Assert.Equal([("cems.so2", Now.AddHours(2)), ("cems.nox", Now.AddHours(2))], windows.Open(Now));
        Assert.Empty(windows.Open(Now.AddHours(3)));

        Assert.Equal([Now.AddHours(2), Now.AddHours(2)], windows.Stop(cems));
        Assert.Null(holder.Current[0].MaintenanceUntil);
        Assert.Equal(calibration.CalibrationUntil, holder.Current[0].CalibrationUntil);
    }

    [Fact]
    public void Open_windows_survive_a_restart_and_ended_ones_do_not()
    {
        var directory = Directory.CreateTempSubdirectory("egw-maintenance-").FullName;
        try
        {
            var file = Path.Combine(directory, "maintenance.json");
            var clock = new FakeTimeProvider(Now);
            var before = new MaintenanceWindows(_channels, new GatewayChannelStateHolder(new GatewayChannelState(3)), file, clock);
            before.TrySelect(null, "cems.so2", out var so2, out _);
            before.TrySelect("dust", null, out var dust, out _);
            before.Start(so2, Now.AddHours(2));
            before.Start(dust, Now.AddMinutes(10));

            // The service restarts 30 minutes later: the so2 window is still open, the dust one has ended.
            clock.SetUtcNow(Now.AddMinutes(30));
            var holder = new GatewayChannelStateHolder(new GatewayChannelState(3));
            var after = new MaintenanceWindows(_channels, holder, file, clock);
            Assert.Equal(Now.AddHours(2), holder.Current[0].MaintenanceUntil);
            Assert.Null(holder.Current[2].MaintenanceUntil);
            Assert.Equal([("cems.so2", Now.AddHours(2))], after.Open(clock.GetUtcNow()));

            after.Stop(so2);
            var again = new GatewayChannelStateHolder(new GatewayChannelState(3));
            _ = new MaintenanceWindows(_channels, again, file, clock);
            Assert.Null(again.Current[0].MaintenanceUntil);

            File.WriteAllText(file, "{ torn");
            _ = new MaintenanceWindows(_channels, new GatewayChannelStateHolder(new GatewayChannelState(3)), file, clock);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_window_keeps_its_reason_start_and_user_across_a_restart_and_an_older_state_file_still_loads()
    {
        var directory = Directory.CreateTempSubdirectory("egw-maintenance-").FullName;
        try
        {
            var file = Path.Combine(directory, "maintenance.json");
            var clock = new FakeTimeProvider(Now);
            var before = new MaintenanceWindows(_channels, new GatewayChannelStateHolder(new GatewayChannelState(3)), file, clock);
            before.TrySelect("cems", null, out var cems, out _);
            before.Start(cems, Now.AddHours(2), "probe cleaning", "alice");
            clock.Advance(TimeSpan.FromMinutes(5));
            before.TrySelect(null, "cems.nox", out var nox, out _);
            before.Start(nox, Now.AddHours(3), "converter check", "bob");
            Assert.Equal(
                [new OpenMaintenanceWindow("cems.so2", Now.AddHours(2), "probe cleaning", Now, "alice"), new OpenMaintenanceWindow("cems.nox", Now.AddHours(3), "converter check", Now.AddMinutes(5), "bob")],
                before.Windows(clock.GetUtcNow()));

            clock.Advance(TimeSpan.FromMinutes(10));
            var after = new MaintenanceWindows(_channels, new GatewayChannelStateHolder(new GatewayChannelState(3)), file, clock);
            Assert.Equal(before.Windows(clock.GetUtcNow()), after.Windows(clock.GetUtcNow()));
            after.Stop(nox);
            Assert.Equal(["cems.so2"], after.Windows(clock.GetUtcNow()).Select(window => window.Channel));

            // A file of an older version has channel and end only: the window is restored, its origin unknown.
            File.WriteAllText(file, """[{"channel":"dust.particulate","until":"2026-03-01T09:00:00+00:00"}]""");
            var restored = new MaintenanceWindows(_channels, new GatewayChannelStateHolder(new GatewayChannelState(3)), file, clock);
            Assert.Equal([new OpenMaintenanceWindow("dust.particulate", Now.AddHours(1), null, null, null)], restored.Windows(clock.GetUtcNow()));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_audit_trail_keeps_entries_across_instances_skips_a_torn_line_and_filters_by_time()
    {
        var directory = Directory.CreateTempSubdirectory("egw-audit-").FullName;
        try
        {
            var path = Path.Combine(directory, "audit.log");
            new AuditTrail(path).Append(new AuditEntry(Now, 1000, "alice", "maintenance-start", "device dust", "filter change", "none", "maintenance until 2026-03-01T10:00:00Z"));
            File.AppendAllText(path, "{\"at\":\"2026-03-01T08:0");
            File.AppendAllText(path, "\n");
            new AuditTrail(path).Append(new AuditEntry(Now.AddHours(1), 1001, "bob", "maintenance-stop", "device dust", null, "maintenance until 2026-03-01T10:00:00Z", "none"));

            var all = new AuditTrail(path).Read(DateTimeOffset.MinValue);
            Assert.Equal(["alice", "bob"], all.Select(entry => entry.User));
            Assert.Equal("filter change", all[0].Reason);
            Assert.Equal(["bob"], new AuditTrail(path).Read(Now.AddMinutes(30)).Select(entry => entry.User));
            Assert.Equal(["bob"], new AuditTrail(path).Read(DateTimeOffset.MinValue, maxCount: 1).Select(entry => entry.User));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void User_names_come_from_the_password_database()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, ["root:x:0:0:root:/root:/bin/bash", "alice:x:1000:1000::/home/alice:/bin/sh"]);
            Assert.Equal("alice", UserNames.Of(1000, file));
            Assert.Equal("root", UserNames.Of(0, file));
            Assert.Equal("4242", UserNames.Of(4242, file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
