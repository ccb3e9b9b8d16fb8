namespace EdgeGateway.Control.Trend;

/// <summary>Sum, count, min and max of the values of a <see cref="TrendBucket"/>; samples without a value are skipped.</summary>
internal struct TrendValues
{
    private double _sum;

    public int Count { get; private set; }

    public double? Min { get; private set; }

    public double? Max { get; private set; }

    public readonly double? Average => Count > 0 ? _sum / Count : null;

    public void Add(TrendSample sample)
    {
        if (sample.V is not { } value)
        {
            return;
        }

        _sum += value;
        Count++;
        var low = sample.Min ?? value;
        var high = sample.Max ?? value;
        Min = Min is { } min ? Math.Min(min, low) : low;
        Max = Max is { } max ? Math.Max(max, high) : high;
    }
}
