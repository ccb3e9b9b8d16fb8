using EdgeGateway.Control.Contract.Trend;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;

namespace EdgeGateway.Control.Trend;

/// <summary>
/// Turns a range's samples into at most <c>maxPoints</c> points. Up to that many, each sample is a point of its own;
/// beyond, the range [since, until) is cut into <c>maxPoints</c> equal time buckets and each non-empty bucket becomes
/// one point: the average of its valid (N, S) values, or of all its values when none is valid (a maintenance or
/// calibration stretch still draws its curve, and its flag says why); min and max over the same values; the most
/// severe flag by the pipeline's precedence (<see cref="RecordFlagRule.WastewaterPrecedence"/>, then N); and how many
/// samples it stands for. Streams: it keeps at most <c>maxPoints</c> samples or buckets, however long the range.
/// </summary>
internal sealed class TrendThinning
{
    private readonly DateTimeOffset _since;
    private readonly long _bucketTicks;
    private readonly int _maxPoints;
    private readonly List<TrendSample> _samples = [];
    private TrendBucket[]? _buckets;

    public TrendThinning(DateTimeOffset since, DateTimeOffset until, int maxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPoints);
        _since = since;
        _maxPoints = maxPoints;
        _bucketTicks = Math.Max(1, (until - since).Ticks / maxPoints);
    }

    public void Add(TrendSample sample)
    {
        if (_buckets is null)
        {
            _samples.Add(sample);
            if (_samples.Count <= _maxPoints)
            {
                return;
            }

            // One more than fits: from here on, buckets.
            _buckets = new TrendBucket[_maxPoints];
            foreach (var kept in _samples)
            {
                AddToBucket(kept);
            }

            _samples.Clear();
            return;
        }

        AddToBucket(sample);
    }

    public List<TrendPoint> Points()
    {
        if (_buckets is null)
        {
            return [.. _samples.Select(sample => new TrendPoint(sample.T, sample.V, sample.Min, sample.Max, sample.Flag.ToString(), 1))];
        }

        var points = new List<TrendPoint>();
        for (var i = 0; i < _buckets.Length; i++)
        {
            if (_buckets[i].Count > 0)
            {
                points.Add(_buckets[i].ToPoint(_since.AddTicks(i * _bucketTicks)));
            }
        }

        return points;
    }

    /// <summary>0 for the most severe flag (B), up to N the least.</summary>
    internal static int Severity(DataFlag flag)
    {
        var rank = 0;
        foreach (var candidate in RecordFlagRule.WastewaterPrecedence)
        {
            if (candidate == flag)
            {
                return rank;
            }

            rank++;
        }

        return rank;
    }

    private void AddToBucket(TrendSample sample)
    {
        var index = (int)Math.Clamp((sample.T - _since).Ticks / _bucketTicks, 0, _maxPoints - 1);
        _buckets![index].Add(sample);
    }
}
