namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>
/// An open minute window of one outlet: the samples of every channel, kept until the window closes so that a
/// pollutant sample can be paired with the O₂ and flow samples of its poll whatever order the channels arrived in.
/// </summary>
internal sealed class MinuteWindow
{
    public MinuteWindow(long startTicks, int channelCount)
    {
        StartTicks = startTicks;
        Samples = new List<Sample>[channelCount];
        for (var local = 0; local < channelCount; local++)
        {
            Samples[local] = [];
        }
    }

    public long StartTicks { get; }

    /// <summary>Per outlet channel (same order as <see cref="OutletLayout.Channels"/>), in time order.</summary>
    public List<Sample>[] Samples { get; }
}
