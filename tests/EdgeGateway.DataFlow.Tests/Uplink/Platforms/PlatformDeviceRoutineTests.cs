using EdgeGateway.Hj212.Codes;
using EdgeGateway.Uplink.Platforms;
using static EdgeGateway.DataFlow.Tests.Uplink.Platforms.HostRequestFlow;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

/// <summary>
/// The HJ 212-2025 cabinet commands 3022 (sample retention task) and 3024 (standard check) at the link (hj212-tcp.md
/// part B, statements 26 and 31): passed to the service's device commands with the instrument's PolId, answered
/// 9011 then 9012 with the command's own result, and refused <c>QnRtn=2</c> when the platform may not give them.
/// </summary>
public sealed class PlatformDeviceRoutineTests
{
    [Theory]
    [InlineData(Hj212ExeRtn.Success)]
    [InlineData(Hj212ExeRtn.SystemBusy)]
    public async Task Command_3022_keeps_a_sample_for_the_instrument_and_ends_with_the_samplers_result(Hj212ExeRtn result)
    {
        await using var kit = new PlatformTestKit();
        var devices = new ScriptedDeviceCommands(kit.Time) { Result = new PlatformCommandResult(result, "sampler") };
        var connector = new InMemoryPlatformConnector();
        kit.StartLink(PlatformTestKit.Options(edition: Hj212Edition.Edition2025), connector, devices);
        var host = await connector.NextHostAsync();

        var flow = await RunAsync(host, kit.Request2025("3022", "PolId=w01018"), expect9012: true);

        Assert.Equal(["9011", "9012"], flow.Select(f => f.Cn));
        Assert.Equal("1", flow.QnRtn());
        Assert.Equal(((int)result).ToString(System.Globalization.CultureInfo.InvariantCulture), flow.ExeRtn());
        Assert.Equal(["sample w01018 by platform:p1"], devices.Calls);
    }

    [Theory]
    [InlineData(Hj212ExeRtn.Success)]
    [InlineData(Hj212ExeRtn.Failed)]
    public async Task Command_3024_starts_the_instruments_standard_check_when_calibration_is_allowed_and_ends_with_its_result(Hj212ExeRtn result)
    {
        await using var kit = new PlatformTestKit();
        var devices = new ScriptedDeviceCommands(kit.Time) { Result = new PlatformCommandResult(result, "standard check") };
        var connector = new InMemoryPlatformConnector();
        kit.StartLink(PlatformTestKit.Options(edition: Hj212Edition.Edition2025) with { AllowedCommands = PlatformCommandPermissions.Default | PlatformCommandPermissions.Calibration }, connector, devices);
        var host = await connector.NextHostAsync();

        var flow = await RunAsync(host, kit.Request2025("3024", "PolId=w21003"), expect9012: true);

        Assert.Equal(["9011", "9012"], flow.Select(f => f.Cn));
        Assert.Equal("1", flow.QnRtn());
        Assert.Equal(((int)result).ToString(System.Globalization.CultureInfo.InvariantCulture), flow.ExeRtn());
        Assert.Equal(["routine w21003 StandardCheck by platform:p1"], devices.Calls);
    }

    [Theory]
    [InlineData("PolId=w01018,CalibrationType=1", "SpanCalibration")]
    [InlineData("PolId=w01018,CalibrationType=0", "ZeroCalibration")]
    [InlineData("PolId=w01018", "ZeroCalibration")]
    public async Task Command_3011_runs_the_span_or_zero_routine_its_2025_CalibrationType_names(string cp, string routine)
    {
        await using var kit = new PlatformTestKit();
        var devices = new ScriptedDeviceCommands(kit.Time);
        var connector = new InMemoryPlatformConnector();
        kit.StartLink(PlatformTestKit.Options(edition: Hj212Edition.Edition2025) with { AllowedCommands = PlatformCommandPermissions.Default | PlatformCommandPermissions.Calibration }, connector, devices);
        var host = await connector.NextHostAsync();

        var flow = await RunAsync(host, kit.Request2025("3011", cp), expect9012: true);

        Assert.Equal(["9011", "9012"], flow.Select(f => f.Cn));
        Assert.Equal(("1", "1"), (flow.QnRtn(), flow.ExeRtn()));
        Assert.Equal([$"routine w01018 {routine} by platform:p1"], devices.Calls);
    }

    [Theory]
    [InlineData("3022", PlatformCommandPermissions.Default & ~PlatformCommandPermissions.RetainSample)]
    [InlineData("3024", PlatformCommandPermissions.Default)]
    public async Task Commands_3022_and_3024_are_refused_QnRtn_2_when_the_platform_may_not_give_them(string cn, PlatformCommandPermissions allowed)
    {
        await using var kit = new PlatformTestKit();
        var devices = new ScriptedDeviceCommands(kit.Time);
        var connector = new InMemoryPlatformConnector();
        kit.StartLink(PlatformTestKit.Options(edition: Hj212Edition.Edition2025) with { AllowedCommands = allowed }, connector, devices);
        var host = await connector.NextHostAsync();

        var flow = await RunAsync(host, kit.Request2025(cn, "PolId=w01018"), expect9012: false);

        Assert.Equal("2", Assert.Single(flow).Packet.Cp.GetValue("QnRtn"));
        Assert.Empty(devices.Calls);
    }
}
