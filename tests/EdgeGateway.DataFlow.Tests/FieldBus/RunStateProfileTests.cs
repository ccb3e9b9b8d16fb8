using EdgeGateway.FieldBus.Polling;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Pipeline;

namespace EdgeGateway.DataFlow.Tests.FieldBus;

/// <summary>Run-state channels in profiles: a treatment facility's state (HJ 212 SBxxx-RS), mapped from a register.</summary>
public sealed class RunStateProfileTests
{
    private const string File = "hardware/profiles/bad.json";

    public static TheoryData<string, string, string> BadRunStates() => new()
    {
        {
            "factor_code_with_run_state",
            """{ "id": "fgd", "code": "a21026", "name": "FGD", "table": "holding", "address": 0, "type": "u16", "runState": { "1": "running" } }""",
            "channel 'fgd': code 'a21026' is not an HJ 212 equipment code (SB and 1 to 3 digits, e.g. SB1); a channel with runState reports a treatment facility's state"
        },
        {
            "equipment_code_without_run_state",
            """{ "id": "fgd", "code": "SB1", "name": "FGD", "table": "holding", "address": 0, "type": "u16" }""",
            "channel 'fgd': code 'SB1' is not an HJ 212 factor code (a lower-case letter and five digits, e.g. a21026)"
        },
        {
            "unknown_state_name",
            """{ "id": "fgd", "code": "SB1", "name": "FGD", "table": "holding", "address": 0, "type": "u16", "runState": { "1": "running", "2": "broken" } }""",
            "channel 'fgd': runState: 'broken' for 2 is not one of off running calibrating maintenance alarm blowBack"
        },
        {
            "register_value_not_an_integer",
            """{ "id": "fgd", "code": "SB1", "name": "FGD", "table": "holding", "address": 0, "type": "u16", "runState": { "on": "running" } }""",
            "channel 'fgd': runState: 'on' is not a register value (a decimal integer)"
        },
        {
            "empty_map",
            """{ "id": "fgd", "code": "SB1", "name": "FGD", "table": "holding", "address": 0, "type": "u16", "runState": { } }""",
            "channel 'fgd': runState is empty; it maps register values to off running calibrating maintenance alarm blowBack"
        },
        {
            "measured_value_fields_and_a_float",
            """{ "id": "fgd", "code": "SB1", "name": "FGD", "unit": "%", "table": "holding", "address": 0, "type": "f32", "scale": 0.1, "range": { "min": 0, "max": 5 }, "runState": { "1": "running" } }""",
            """
            channel 'fgd': scale does not apply with runState: the register value is looked up in runState, not measured
            channel 'fgd': range does not apply with runState: the register value is looked up in runState, not measured
            channel 'fgd': unit does not apply with runState: the register value is looked up in runState, not measured
            channel 'fgd': runState needs an integer type (u16, i16, u32, i32, u64, i64, bool or bit), not 'f32'
            """
        },
    };

    [Theory]
    [MemberData(nameof(BadRunStates))]
    public void A_bad_run_state_channel_is_reported_naming_the_file_the_channel_and_the_key(string name, string channel, string expected)
    {
        var loaded = DeviceProfileLoader.TryParse(BadProfileTests.Profile(channel), File, out var profile, out var errors);

        Assert.False(loaded, name);
        Assert.Null(profile);
        var expectedLines = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => $"{File}: {line}");
        Assert.Equal(expectedLines, errors.Select(error => error.ToString()));
    }

    [Fact]
    public void The_shipped_cems_profile_has_a_desulfurizer_run_state_channel()
    {
        var cems = DeviceProfileLoader.LoadFile(RepositoryFiles.Profile("cems-flue-gas.json"));

        var desulfurizer = cems.Channels.Single(channel => channel.Id == "desulfurizer");
        Assert.True(desulfurizer.IsRunState);
        Assert.Equal("SB1", desulfurizer.Code);
        Assert.Equal(
            [(0L, EquipmentRunState.Off), (1L, EquipmentRunState.Running), (2L, EquipmentRunState.Maintenance), (3L, EquipmentRunState.Alarm)],
            desulfurizer.RunStates!.OrderBy(state => state.Key).Select(state => (state.Key, state.Value)));
        Assert.All(cems.Channels.Where(channel => channel.Id != "desulfurizer"), channel => Assert.False(channel.IsRunState));
    }

    [Fact]
    public void The_channel_table_marks_run_state_channels_by_kind()
    {
        var cems = DeviceProfileLoader.LoadFile(RepositoryFiles.Profile("cems-flue-gas.json"));

        var table = ChannelTable.ForDevices([PolledDevice.Create("cems", 1, cems, new DevicePollSettings())]);

        Assert.True(table.TryFind("cems.desulfurizer", out var desulfurizer));
        Assert.Equal((ChannelKind.RunState, "SB1"), (desulfurizer.Kind, desulfurizer.Code));
        Assert.Equal(ChannelKind.Measurement, table.Channels.Single(channel => channel.Channel == "so2").Kind);
        Assert.Single(table.Channels, channel => channel.IsRunState);
    }
}
