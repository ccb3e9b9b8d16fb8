using EdgeGateway.FieldBus.Profiles;

namespace EdgeGateway.FieldBus.Planning;

/// <summary>
/// Groups a device's items into the fewest read requests (peers.md §2): per table, sort by address (longer first on a
/// tie), then one greedy pass that extends the current request over the next item while the hole before it is at
/// most the gap limit and the whole request stays within the maximum. Items that share or overlap registers join for
/// free; an item is never split. O(n log n) for the sort, O(n) for the pass, and no search: Telegraf's search-based
/// optimiser made startup hang.
/// </summary>
/// <remarks>
/// For items that do not overlap, greedy is optimal in request count among plans that cut the sorted items into
/// consecutive runs under the same limits: its k-th request always ends at or past the k-th request of any such plan.
/// It follows that a larger gap never costs a request, so GapMerging ≤ ContiguousOnly ≤ OnePerChannel. It is not
/// optimal in registers (it may read a hole that a different cut would have skipped), which is the accepted trade:
/// requests first, registers second.
/// </remarks>
public static class ReadPlanner
{
    /// <summary>Plans every channel and status word of <paramref name="profile"/> within its own limits.</summary>
    public static ReadPlan Plan(DeviceProfile profile, PlanningStrategy strategy = PlanningStrategy.GapMerging)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Plan(RegisterSpan.AllOf(profile), ReadPlanLimits.From(profile.Defaults), strategy);
    }

    /// <summary>Plans <paramref name="items"/>, which may come from several tables.</summary>
    /// <exception cref="ArgumentException">An item is empty, lies outside 0..65535, or is longer than one request may be.</exception>
    public static ReadPlan Plan(IEnumerable<RegisterSpan> items, ReadPlanLimits limits, PlanningStrategy strategy = PlanningStrategy.GapMerging)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(limits);
        var sorted = items.ToArray();
        foreach (var item in sorted)
        {
            CheckItem(item, limits);
        }

        // Keep the caller's order on full ties so a plan is reproducible.
        var order = new Dictionary<RegisterSpan, int>(ReferenceEqualityComparer.Instance);
        for (var index = 0; index < sorted.Length; index++)
        {
            order.TryAdd(sorted[index], index);
        }

        Array.Sort(sorted, (left, right) =>
        {
            var comparison = left.Table.CompareTo(right.Table);
            if (comparison == 0)
            {
                comparison = left.Address.CompareTo(right.Address);
            }

            if (comparison == 0)
            {
                comparison = right.Length.CompareTo(left.Length);
            }

            return comparison != 0 ? comparison : order[left].CompareTo(order[right]);
        });

        var requests = strategy switch
        {
            PlanningStrategy.GapMerging => Merge(sorted, limits, useGap: true),
            PlanningStrategy.ContiguousOnly => Merge(sorted, limits, useGap: false),
            PlanningStrategy.OnePerChannel => [.. sorted.Select(item => new ReadRequest(item.Table, item.Address, item.Length, [item]))],
            _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, null),
        };
        return new ReadPlan(requests, strategy, limits);
    }

    private static List<ReadRequest> Merge(RegisterSpan[] sorted, ReadPlanLimits limits, bool useGap)
    {
        var requests = new List<ReadRequest>();
        var current = new List<RegisterSpan>();
        var start = 0;
        var end = 0;
        foreach (var item in sorted)
        {
            if (current.Count > 0 && item.Table == current[0].Table)
            {
                // Negative for an item that starts inside the request: it shares registers and costs nothing.
                var hole = item.Address - end;
                var maxGap = useGap ? limits.MaxGapFor(item.Table) : 0;
                var newEnd = Math.Max(end, item.End);
                if (hole <= maxGap && newEnd - start <= limits.MaxCountFor(item.Table))
                {
                    current.Add(item);
                    end = newEnd;
                    continue;
                }
            }

            if (current.Count > 0)
            {
                requests.Add(new ReadRequest(current[0].Table, start, end - start, [.. current]));
                current.Clear();
            }

            current.Add(item);
            start = item.Address;
            end = item.End;
        }

        if (current.Count > 0)
        {
            requests.Add(new ReadRequest(current[0].Table, start, end - start, [.. current]));
        }

        return requests;
    }

    private static void CheckItem(RegisterSpan item, ReadPlanLimits limits)
    {
        if (item is null)
        {
            throw new ArgumentException("an item is null", "items");
        }

        if (item.Length < 1 || item.Address < 0 || item.End > DeviceProfileValidator.HighestAddress + 1)
        {
            throw new ArgumentException($"item {item} does not lie within addresses 0..{DeviceProfileValidator.HighestAddress}", "items");
        }

        var max = limits.MaxCountFor(item.Table);
        if (item.Length > max)
        {
            throw new ArgumentException($"item {item} is longer than the {max} one request may read, and items are never split", "items");
        }
    }
}
