using EdgeGateway.Pipeline;

namespace EdgeGateway.Pipeline.Aggregation;

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

    /// <summary>
    /// The flag of a record with too few valid items: never N or S, which would call it normal. The most serious
    /// abnormal flag among its items (B, D, C, M, F, T), or B when all it has are N and S items: the rest never
    /// arrived (the analyzer or its port was out, the gateway was stopped), and B is HJ 212's flag for exactly that.
    /// </summary>
    public static DataFlag Combine(OutletKind kind, FlagCounts counts, bool isValid)
    {
        var flag = Combine(kind, counts);
        if (isValid || flag is not (DataFlag.N or DataFlag.S))
        {
            return flag;
        }

        foreach (var abnormal in WastewaterPrecedence)
        {
            if (abnormal != DataFlag.S && counts[abnormal] > 0)
            {
                return abnormal;
            }
        }

        return DataFlag.B;
    }

    /// <summary>The record's flag by its items alone; B when nothing at all was counted (a window without a single sample).</summary>
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
    // is S, not D, because manual values are valid data, not a fault; and when every abnormal item is B (the analyzer
    // answered normally whenever it answered at all: an outage) the record is B, because calling an unreachable
    // analyzer faulty would send a technician to the wrong place. Integer arithmetic keeps the 75 % edge exact.
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

        return counts.B == total - counts.N - counts.S ? DataFlag.B : DataFlag.D;
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
