namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>An outlet's hour or day in progress: one accumulator per outlet channel.</summary>
internal sealed class PeriodAccumulator
{
    public PeriodAccumulator(long startTicks, long lengthTicks, int channelCount)
    {
        StartTicks = startTicks;
        LengthTicks = lengthTicks;
        Channels = new ChannelPeriodAccumulator[channelCount];
        for (var local = 0; local < channelCount; local++)
        {
            Channels[local] = new ChannelPeriodAccumulator();
        }
    }

    public long StartTicks { get; }

    public long LengthTicks { get; }

    public long EndTicks => StartTicks + LengthTicks;

    public ChannelPeriodAccumulator[] Channels { get; }
}
