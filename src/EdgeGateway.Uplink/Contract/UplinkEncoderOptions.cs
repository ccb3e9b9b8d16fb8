namespace EdgeGateway.Uplink.Contract;

/// <summary>Limits for batching readings into one message.</summary>
public sealed record UplinkEncoderOptions
{
    /// <summary>At most this many readings per message.</summary>
    public int MaxReadingsPerMessage { get; init; } = 200;

    /// <summary>At most this many payload bytes per message (a single reading larger than this still goes alone).</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReadingsPerMessage, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageBytes, 256);
    }
}
