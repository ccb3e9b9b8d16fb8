using EdgeGateway.FieldBus.Planning;
using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.DataFlow.Tests.FieldBus;

/// <summary>Hand-made cases; the ones pinning an edge are named after it, Telegraf style.</summary>
public sealed class ReadPlannerTests
{
    private const ModbusTable Holding = ModbusTable.HoldingRegister;

    [Fact]
    public void field_split_at_max_boundary()
    {
        // Seven floats fill registers 0-13; the u32 at 15-16 would straddle register 16, the end of a
        // 16-register request starting at 0. It must open a request of its own, not be cut in two.
        RegisterSpan[] items = [.. Enumerable.Range(0, 7).Select(index => Span(Holding, 2 * index, 2, $"f{index}")), Span(Holding, 15, 2, "total")];

        var plan = ReadPlanner.Plan(items, new ReadPlanLimits(MaxRegistersPerRequest: 16, MaxGap: 4));

        Assert.Equal([(0, 14), (15, 2)], Shape(plan));
    }

    [Fact]
    public void request_exactly_at_max_is_allowed()
    {
        var plan = ReadPlanner.Plan([Span(Holding, 0, 4, "a"), Span(Holding, 4, 4, "b"), Span(Holding, 8, 1, "c")], new ReadPlanLimits(MaxRegistersPerRequest: 8));

        Assert.Equal([(0, 8), (8, 1)], Shape(plan));
    }

    [Fact]
    public void gap_equal_to_max_gap_merges()
    {
        var plan = ReadPlanner.Plan([Span(Holding, 0, 2, "a"), Span(Holding, 6, 2, "b")], new ReadPlanLimits(MaxGap: 4));

        Assert.Equal([(0, 8)], Shape(plan));
    }

    [Fact]
    public void gap_one_over_max_gap_splits()
    {
        var plan = ReadPlanner.Plan([Span(Holding, 0, 2, "a"), Span(Holding, 7, 2, "b")], new ReadPlanLimits(MaxGap: 4));

        Assert.Equal([(0, 2), (7, 2)], Shape(plan));
    }

    [Fact]
    public void contiguous_only_stops_at_a_one_register_hole()
    {
        RegisterSpan[] items = [Span(Holding, 0, 2, "a"), Span(Holding, 3, 2, "b"), Span(Holding, 5, 1, "c")];

        Assert.Equal([(0, 2), (3, 3)], Shape(ReadPlanner.Plan(items, new ReadPlanLimits(), PlanningStrategy.ContiguousOnly)));
        Assert.Equal([(0, 6)], Shape(ReadPlanner.Plan(items, new ReadPlanLimits(), PlanningStrategy.GapMerging)));
        Assert.Equal([(0, 2), (3, 2), (5, 1)], Shape(ReadPlanner.Plan(items, new ReadPlanLimits(), PlanningStrategy.OnePerChannel)));
    }

    [Fact]
    public void bit_channels_of_one_register_share_it()
    {
        RegisterSpan[] items = [Span(Holding, 5, 1, "door"), Span(Holding, 5, 1, "pump"), Span(Holding, 6, 1, "level")];

        var plan = ReadPlanner.Plan(items, new ReadPlanLimits(MaxGap: 0), PlanningStrategy.ContiguousOnly);

        var request = Assert.Single(plan.Requests);
        Assert.Equal((5, 2), (request.Address, request.Count));
        Assert.Equal(["door", "pump", "level"], request.Items.Select(item => item.Owner));
    }

    [Fact]
    public void overlapping_item_joins_for_free()
    {
        var plan = ReadPlanner.Plan([Span(Holding, 0, 4, "u64"), Span(Holding, 2, 1, "inner")], new ReadPlanLimits(MaxRegistersPerRequest: 4), PlanningStrategy.ContiguousOnly);

        Assert.Equal([(0, 4)], Shape(plan));
    }

    [Fact]
    public void overlapping_item_past_max_opens_its_own_request()
    {
        // Register 2 is then read twice, but every item still arrives whole in exactly one response.
        var plan = ReadPlanner.Plan([Span(Holding, 0, 3, "a"), Span(Holding, 2, 4, "b")], new ReadPlanLimits(MaxRegistersPerRequest: 4));

        Assert.Equal([(0, 3), (2, 4)], Shape(plan));
    }

    [Fact]
    public void longer_item_first_on_an_address_tie()
    {
        var plan = ReadPlanner.Plan([Span(Holding, 10, 1, "bit"), Span(Holding, 10, 2, "float")], new ReadPlanLimits());

        Assert.Equal(["float", "bit"], Assert.Single(plan.Requests).Items.Select(item => item.Owner));
    }

    [Fact]
    public void tables_never_share_a_request_and_come_in_table_order()
    {
        RegisterSpan[] items = [Span(Holding, 0, 1, "h"), Span(ModbusTable.InputRegister, 1, 1, "i"), Span(ModbusTable.Coil, 0, 1, "c"), Span(ModbusTable.DiscreteInput, 0, 1, "d")];

        var plan = ReadPlanner.Plan(items, new ReadPlanLimits());

        Assert.Equal(
            [ModbusFunctionCode.ReadCoils, ModbusFunctionCode.ReadDiscreteInputs, ModbusFunctionCode.ReadInputRegisters, ModbusFunctionCode.ReadHoldingRegisters],
            plan.Requests.Select(request => request.FunctionCode));
    }

    [Fact]
    public void bit_tables_allow_sixteen_bits_of_gap_per_register_of_max_gap()
    {
        var limits = new ReadPlanLimits(MaxGap: 1);

        Assert.Equal([(0, 18)], Shape(ReadPlanner.Plan([Span(ModbusTable.Coil, 0, 1, "a"), Span(ModbusTable.Coil, 17, 1, "b")], limits)));
        Assert.Equal([(0, 1), (18, 1)], Shape(ReadPlanner.Plan([Span(ModbusTable.Coil, 0, 1, "a"), Span(ModbusTable.Coil, 18, 1, "b")], limits)));
    }

    [Fact]
    public void bit_requests_are_capped_at_max_bits()
    {
        var plan = ReadPlanner.Plan([Span(ModbusTable.DiscreteInput, 0, 1, "a"), Span(ModbusTable.DiscreteInput, 7, 1, "b")], new ReadPlanLimits(MaxBitsPerRequest: 7));

        Assert.Equal([(0, 1), (7, 1)], Shape(plan));
    }

    [Fact]
    public void item_longer_than_a_request_is_rejected_not_split()
    {
        Assert.Throws<ArgumentException>(() => ReadPlanner.Plan([Span(Holding, 0, 4, "u64")], new ReadPlanLimits(MaxRegistersPerRequest: 2)));
    }

    [Fact]
    public void item_beyond_the_address_space_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => ReadPlanner.Plan([Span(Holding, 65535, 2, "f32")], new ReadPlanLimits()));
        Assert.Throws<ArgumentException>(() => ReadPlanner.Plan([Span(Holding, 3, 0, "empty")], new ReadPlanLimits()));
    }

    [Fact]
    public void input_order_does_not_change_the_plan()
    {
        RegisterSpan[] items = [Span(Holding, 30, 2, "a"), Span(Holding, 0, 1, "b"), Span(Holding, 4, 2, "c"), Span(Holding, 12, 1, "d")];

        Assert.Equal(Shape(ReadPlanner.Plan(items, new ReadPlanLimits())), Shape(ReadPlanner.Plan(items.Reverse(), new ReadPlanLimits())));
    }

    [Fact]
    public void summary_counts_requests_registers_bits_channels_and_status_words()
    {
        Assert.Equal("0 requests, 0 registers for 0 channels", ReadPlanner.Plan([], new ReadPlanLimits()).Summary);
        Assert.Equal("1 request, 2 registers for 1 channel", ReadPlanner.Plan([Span(Holding, 0, 2, "a")], new ReadPlanLimits()).Summary);
        Assert.Equal(
            "2 requests, 1 register and 3 bits for 1 channel and 2 status words",
            ReadPlanner.Plan(
                [Span(ModbusTable.Coil, 0, 1, "valve", SpanOwnerKind.StatusWord), Span(ModbusTable.Coil, 2, 1, "pump", SpanOwnerKind.StatusWord), Span(Holding, 0, 1, "a")],
                new ReadPlanLimits()).Summary);
    }

    [Fact]
    public void request_describes_itself_for_the_startup_log()
    {
        var plan = ReadPlanner.Plan([Span(ModbusTable.InputRegister, 0, 2, "so2"), Span(ModbusTable.InputRegister, 2, 2, "nox")], new ReadPlanLimits());

        Assert.Equal("FC04 input registers 0-3 for so2, nox", Assert.Single(plan.Requests).ToString());
    }

    internal static RegisterSpan Span(ModbusTable table, int address, int length, string owner, SpanOwnerKind kind = SpanOwnerKind.Channel) =>
        new(table, address, length, owner, kind);

    internal static (int Address, int Count)[] Shape(ReadPlan plan) => [.. plan.Requests.Select(request => (request.Address, request.Count))];
}
