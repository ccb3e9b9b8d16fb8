namespace EdgeGateway.Hj212.Framing;

/// <summary>How lenient the decoder is beyond what it always tolerates.</summary>
public sealed record Hj212DecoderOptions
{
    private readonly int _maxDataSegmentBytes = Hj212Limits.DefaultMaxReceivedDataSegmentBytes;

    /// <summary>The defaults: data segments up to 9800 bytes.</summary>
    public static Hj212DecoderOptions Default { get; } = new();

    /// <summary>
    /// The largest data segment accepted. Senders must stay within 1024, but longer packets occur in the field,
    /// so the receiver accepts up to this bound (at most 9999, all the length field can say).
    /// </summary>
    public int MaxDataSegmentBytes
    {
        get => _maxDataSegmentBytes;
        init
        {
            if (value is < 0 or > 9999)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxDataSegmentBytes), value, "must be 0..9999");
            }

            _maxDataSegmentBytes = value;
        }
    }
}
