using EdgeGateway.Core.Pipeline;

namespace EdgeGateway.Core.Aggregation;

/// <summary>
/// The flag of a minute, hour or day record from the flags of what it was built from (notes under HJ 212-2017
/// Tables C.16-C.18; the same rule applies sample → minute, minute → hour, hour → day).
/// </summary>
public static class RecordFlagRule
{
    /// <summary>
    /// Wastewater: the abnormal flags from most to least serious; the record takes the first one present.
    /// B (no data at all) outranks D (the instrument says fault), then the planned states C and M, then F (stopped),
    /// T (over range: a value exists but is clipped), and S last (a manual value: valid, but not measured).
    /// </summary>
    public static IReadOnlyList<DataFlag> WastewaterPrecedence { get; } =
        [DataFlag.B, DataFlag.D, DataFlag.C, DataFlag.M, DataFlag.F, DataFlag.T, DataFlag.S];

    /// <summary>The record's flag; B when nothing at all was counted (a window without a single sample).</summary>
    public static DataFlag Combine(OutletKind kind, FlagCounts counts)
    {
        var total = counts.Total;
        if (total == 0)
        {
            return DataFlag.B;
        }

        return kind switch
        {
            OutletKind.FlueGas => FlueGas(counts, total),
            OutletKind.Wastewater => Wastewater(counts),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    // ≥ 75 % N → N, otherwise D, as the standard says. Two refinements: when N and S together reach 75 % the record
    // is S, not D, because manual values are valid data, not a fault; and when every item is B (the analyzer never
    // answered) the record is B, because calling an unreachable analyzer faulty would send a technician to the wrong
    // place. Integer arithmetic keeps the 75 % edge exact.
    private static DataFlag FlueGas(FlagCounts counts, int total)
    {
        if (counts.N * 4 >= total * 3)
        {
            return DataFlag.N;
        }

        if ((counts.N + counts.S) * 4 >= total * 3)
        {
            return DataFlag.S;
        }

        return counts.B == total ? DataFlag.B : DataFlag.D;
    }

    private static DataFlag Wastewater(FlagCounts counts)
    {
        foreach (var flag in WastewaterPrecedence)
        {
            if (counts[flag] > 0)
            {
                return flag;
            }
        }

        return DataFlag.N;
    }
}
