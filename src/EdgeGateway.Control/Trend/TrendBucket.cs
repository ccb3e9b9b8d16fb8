using EdgeGateway.Control.Contract.Trend;
using EdgeGateway.Pipeline;

namespace EdgeGateway.Control.Trend;

/// <summary>What a bucket of <see cref="TrendThinning"/> accumulates: its valid values and all its values apart, and its worst flag.</summary>
internal struct TrendBucket
{
    private TrendValues _valid;
    private TrendValues _all;
    private DataFlag _flag;

    public int Count { get; private set; }

    public void Add(TrendSample sample)
    {
        if (Count == 0 || TrendThinning.Severity(sample.Flag) < TrendThinning.Severity(_flag))
        {
            _flag = sample.Flag;
        }

        Count++;
        _all.Add(sample);
        if (sample.Valid)
        {
            _valid.Add(sample);
        }
    }

    public readonly TrendPoint ToPoint(DateTimeOffset start)
    {
        var values = _valid.Count > 0 ? _valid : _all;
        return new TrendPoint(start, values.Average, values.Min, values.Max, _flag.ToString(), Count);
    }
}
