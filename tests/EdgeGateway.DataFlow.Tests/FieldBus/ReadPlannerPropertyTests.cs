using EdgeGateway.FieldBus.Planning;
using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.DataFlow.Tests.FieldBus;

/// <summary>
/// Properties over many random devices from a fixed seed (so a failure reproduces): every item read exactly once and
/// whole, no request over the maximum, and the request counts ordered GapMerging ≤ ContiguousOnly ≤ OnePerChannel.
/// </summary>
public sealed class ReadPlannerPropertyTests
{
    private const int Devices = 2000;

    [Fact]
    public void Every_item_is_read_whole_by_exactly_one_request_within_the_limits()
    {
        var random = new Random(212);
        for (var device = 0; device < Devices; device++)
        {
            // Half the devices get arbitrary, possibly overlapping spans: the planner must stay correct even for input no validator checked.
            var items = device % 2 == 0 ? ProfileLikeItems(random) : ArbitraryItems(random);
            var limits = RandomLimits(random);
            foreach (var strategy in Enum.GetValues<PlanningStrategy>())
            {
                var plan = ReadPlanner.Plan(items, limits, strategy);
                AssertCoversExactlyOnce(items, plan, limits, $"device {device}, {strategy}");
            }
        }
    }

    [Fact]
    public void Gap_merging_never_needs_more_requests_than_contiguous_only_nor_that_more_than_one_per_channel()
    {
        var random = new Random(2017);
        for (var device = 0; device < Devices; device++)
        {
            var items = ProfileLikeItems(random);
            var limits = RandomLimits(random);

            var gapMerging = ReadPlanner.Plan(items, limits, PlanningStrategy.GapMerging);
            var contiguous = ReadPlanner.Plan(items, limits, PlanningStrategy.ContiguousOnly);
            var onePerChannel = ReadPlanner.Plan(items, limits, PlanningStrategy.OnePerChannel);

            Assert.True(gapMerging.Requests.Count <= contiguous.Requests.Count, $"device {device}: {gapMerging.Summary} vs contiguous {contiguous.Summary}");
            Assert.True(contiguous.Requests.Count <= onePerChannel.Requests.Count, $"device {device}: {contiguous.Summary} vs one per channel {onePerChannel.Summary}");
            Assert.Equal(items.Count, onePerChannel.Requests.Count);
            // Contiguous-only reads no junk: exactly the registers the items occupy.
            Assert.Equal(OccupiedRegisters(items, bits: false), contiguous.RegisterCount);
            Assert.Equal(OccupiedRegisters(items, bits: true), contiguous.BitCount);
        }
    }

    [Fact]
    public void A_larger_gap_never_costs_a_request()
    {
        var random = new Random(75);
        for (var device = 0; device < Devices; device++)
        {
            var items = ProfileLikeItems(random);
            var limits = RandomLimits(random);
            var wider = limits with { MaxGap = limits.MaxGap + random.Next(1, 20) };

            Assert.True(
                ReadPlanner.Plan(items, wider).Requests.Count <= ReadPlanner.Plan(items, limits).Requests.Count,
                $"device {device}: maxGap {wider.MaxGap} needs more requests than {limits.MaxGap}");
        }
    }

    [Fact]
    public void Gap_merging_leaves_no_two_neighbouring_requests_that_could_have_been_one()
    {
        var random = new Random(356);
        for (var device = 0; device < Devices; device++)
        {
            var items = ProfileLikeItems(random);
            var limits = RandomLimits(random);
            var requests = ReadPlanner.Plan(items, limits).Requests;
            for (var index = 1; index < requests.Count; index++)
            {
                var (before, after) = (requests[index - 1], requests[index]);
                if (before.Table != after.Table)
                {
                    continue;
                }

                var hole = after.Address - before.End;
                var merged = Math.Max(before.End, after.Items[0].End) - before.Address;
                Assert.True(
                    hole > limits.MaxGapFor(after.Table) || merged > limits.MaxCountFor(after.Table),
                    $"device {device}: {before} and {after} could have been one request");
            }
        }
    }

    private static void AssertCoversExactlyOnce(IReadOnlyList<RegisterSpan> items, ReadPlan plan, ReadPlanLimits limits, string context)
    {
        var seen = new Dictionary<RegisterSpan, int>(ReferenceEqualityComparer.Instance);
        ReadRequest? previous = null;
        foreach (var request in plan.Requests)
        {
            Assert.True(request.Count >= 1 && request.Count <= limits.MaxCountFor(request.Table), $"{context}: {request} exceeds {limits.MaxCountFor(request.Table)}");
            Assert.NotEmpty(request.Items);
            // Tight: the request starts at its first item and ends at its farthest-reaching one.
            Assert.Equal(request.Items.Min(item => item.Address), request.Address);
            Assert.Equal(request.Items.Max(item => item.End), request.End);
            foreach (var item in request.Items)
            {
                Assert.Equal(request.Table, item.Table);
                Assert.True(item.Address >= request.Address && item.End <= request.End, $"{context}: {item} is split by {request}");
                seen[item] = seen.GetValueOrDefault(item) + 1;
            }

            if (previous is not null)
            {
                Assert.True((previous.Table, previous.Address).CompareTo((request.Table, request.Address)) <= 0, $"{context}: requests out of order");
            }

            previous = request;
        }

        Assert.Equal(items.Count, seen.Count);
        Assert.All(items, item => Assert.Equal(1, seen.GetValueOrDefault(item)));
    }

    /// <summary>
    /// What a valid profile can produce: per table, items of 1, 2 or 4 registers (single bits on coil tables) with random
    /// holes, none overlapping except bit channels stacked on one register.
    /// </summary>
    private static List<RegisterSpan> ProfileLikeItems(Random random)
    {
        var items = new List<RegisterSpan>();
        ReadOnlySpan<int> registerLengths = [1, 1, 2, 2, 2, 4];
        foreach (var table in Enum.GetValues<ModbusTable>())
        {
            if (random.Next(4) == 0)
            {
                continue;
            }

            var bitTable = table is ModbusTable.Coil or ModbusTable.DiscreteInput;
            var address = random.Next(0, 100);
            var count = random.Next(0, bitTable ? 20 : 60);
            for (var index = 0; index < count; index++)
            {
                var length = bitTable ? 1 : registerLengths[random.Next(registerLengths.Length)];
                items.Add(new RegisterSpan(table, address, length, $"{table}-{index}"));
                if (length == 1 && !bitTable && random.Next(5) == 0)
                {
                    items.Add(new RegisterSpan(table, address, 1, $"{table}-{index}-shared"));
                }

                address += length + (random.Next(3) == 0 ? 0 : random.Next(0, random.Next(2) == 0 ? 6 : 40));
            }
        }

        // The planner must not depend on the order it is given.
        return [.. items.OrderBy(_ => random.Next())];
    }

    private static List<RegisterSpan> ArbitraryItems(Random random)
    {
        var tables = Enum.GetValues<ModbusTable>();
        var count = random.Next(0, 50);
        var items = new List<RegisterSpan>(count);
        for (var index = 0; index < count; index++)
        {
            var table = tables[random.Next(tables.Length)];
            var bitTable = table is ModbusTable.Coil or ModbusTable.DiscreteInput;
            var length = bitTable ? random.Next(1, 9) : random.Next(1, 5);
            items.Add(new RegisterSpan(table, random.Next(0, 200), length, $"item-{index}"));
        }

        return items;
    }

    private static ReadPlanLimits RandomLimits(Random random)
    {
        // At least 4 registers: a valid profile never has a value wider than one request.
        ReadOnlySpan<int> maxRegisters = [4, 8, 16, 24, 32, 64, 125];
        ReadOnlySpan<int> maxBits = [8, 16, 64, 2000];
        return new ReadPlanLimits(
            MaxRegistersPerRequest: maxRegisters[random.Next(maxRegisters.Length)],
            MaxBitsPerRequest: maxBits[random.Next(maxBits.Length)],
            MaxGap: random.Next(0, 21));
    }

    private static int OccupiedRegisters(IEnumerable<RegisterSpan> items, bool bits) => items
        .Where(item => (item.Table is ModbusTable.Coil or ModbusTable.DiscreteInput) == bits)
        .SelectMany(item => Enumerable.Range(item.Address, item.Length).Select(address => (item.Table, address)))
        .Distinct()
        .Count();
}
