namespace EdgeGateway.Pipeline.Validation;

/// <summary>What the validator remembers of one channel between cycles (for stuck-value and spike checks).</summary>
internal struct ChannelTrack
{
    public bool HasValue;
    public double LastMeasured;
    public long UnchangedSinceTicks;
    public double LastValue;
    public long LastTicks;
}
