using EdgeGateway.FieldBus.Planning;
using EdgeGateway.FieldBus.Profiles;

namespace EdgeGateway.DataFlow.Tests.FieldBus;

/// <summary>
/// The plans of the shipped profiles, pinned, with their bus time per poll cycle at 9600 8N1 (no turnaround).
/// The times were computed by hand: Σ (8 + 5 + data bytes + 7 characters of t3.5) × 10 / 9600 s.
/// A change here means a profile or the planner changed: check the new plan is still what the device needs.
/// </summary>
public sealed class ShippedProfilePlanTests
{
    [Fact]
    public void Cems_gap_merging_reads_across_the_small_holes_but_not_the_large_one()
    {
        var plan = Plan("cems-flue-gas.json", PlanningStrategy.GapMerging);

        Assert.Equal(
            [
                "FC02 discrete inputs 0-3 for sample-pump, calibration-valve",
                "FC04 input registers 0-25 for so2, nox, o2, co, temperature, pressure, humidity, velocity, flow",
                "FC04 input registers 50-53 for heated-line-temperature, cooler-temperature",
                "FC03 holding registers 40-41 for system-state, desulfurizer",
            ],
            plan.Requests.Select(request => request.ToString()));
        Assert.Equal("4 requests, 32 registers and 4 bits for 12 channels and 3 status words", plan.Summary);
    }

    [Fact]
    public void Particulate_meter_splits_at_its_16_register_limit_before_the_u32_that_would_straddle_it()
    {
        var plan = Plan("particulate-flow.json", PlanningStrategy.GapMerging);

        Assert.Equal(
            [
                "FC03 holding registers 0-14 for particulate, velocity, temperature, pressure, dynamic-pressure, humidity, flow, area, flow-total",
                "FC03 holding registers 15-18 for particulate-total, state",
            ],
            plan.Requests.Select(request => request.ToString()));
        Assert.Equal("2 requests, 19 registers for 10 channels and 1 status word", plan.Summary);
    }

    [Fact]
    public void Wastewater_cabinet_needs_three_requests_of_at_most_24_registers()
    {
        var plan = Plan("wastewater-cod-nh3n.json", PlanningStrategy.GapMerging);

        Assert.Equal(
            [
                "FC03 holding registers 0-19 for cod, cod-state, cod-alarm, nh3n, nh3n-state, nh3n-alarm, tp, tp-state, tp-alarm",
                "FC03 holding registers 24-33 for tn, tn-state, tn-alarm, ph, water-temperature",
                "FC03 holding registers 40-44 for flow, flow-total, flow-alarm",
            ],
            plan.Requests.Select(request => request.ToString()));
        Assert.Equal("3 requests, 35 registers for 8 channels and 9 status words", plan.Summary);
    }

    [Theory]
    [InlineData("cems-flue-gas.json", PlanningStrategy.GapMerging, 4, 32, 4, 117, 151.042)]
    [InlineData("cems-flue-gas.json", PlanningStrategy.ContiguousOnly, 7, 24, 2, 141, 197.917)]
    [InlineData("cems-flue-gas.json", PlanningStrategy.OnePerChannel, 15, 24, 2, 245, 364.583)]
    [InlineData("particulate-flow.json", PlanningStrategy.GapMerging, 2, 19, 0, 64, 81.25)]
    [InlineData("particulate-flow.json", PlanningStrategy.ContiguousOnly, 3, 14, 0, 67, 91.667)]
    [InlineData("particulate-flow.json", PlanningStrategy.OnePerChannel, 11, 14, 0, 171, 258.333)]
    [InlineData("wastewater-cod-nh3n.json", PlanningStrategy.GapMerging, 3, 35, 0, 109, 135.417)]
    [InlineData("wastewater-cod-nh3n.json", PlanningStrategy.ContiguousOnly, 6, 23, 0, 124, 172.917)]
    [InlineData("wastewater-cod-nh3n.json", PlanningStrategy.OnePerChannel, 17, 23, 0, 267, 402.083)]
    public void Plan_size_and_bus_time_at_9600_8n1(string file, PlanningStrategy strategy, int requests, int registers, int bits, int wireBytes, double milliseconds)
    {
        var plan = Plan(file, strategy);

        var cost = new BusTimeEstimator(9600, 10).Estimate(plan);

        Assert.Equal((requests, registers, bits), (plan.Requests.Count, plan.RegisterCount, plan.BitCount));
        Assert.Equal(wireBytes, cost.WireBytes);
        Assert.Equal(milliseconds, cost.BusTime.TotalMilliseconds, precision: 3);
    }

    private static ReadPlan Plan(string file, PlanningStrategy strategy) =>
        ReadPlanner.Plan(DeviceProfileLoader.LoadFile(RepositoryFiles.Profile(file)), strategy);
}
