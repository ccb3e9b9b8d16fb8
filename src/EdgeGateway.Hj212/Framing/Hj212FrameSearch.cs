namespace EdgeGateway.Hj212.Framing;

/// <summary>Where the next frame lies in received bytes; see <see cref="Hj212StreamFramer.Find"/>.</summary>
/// <param name="SkipBytes">Bytes at the start that belong to no frame: drop them.</param>
/// <param name="FrameLength">Length of the frame that starts after them, or 0 when more bytes are needed.</param>
public readonly record struct Hj212FrameSearch(int SkipBytes, int FrameLength)
{
    /// <summary>True when a whole frame (from <c>##</c> to CR LF) was found.</summary>
    public bool Found => FrameLength > 0;

    /// <summary>Bytes the caller consumes from its buffer: the skipped ones and the frame.</summary>
    public int ConsumedBytes => SkipBytes + FrameLength;
}
