namespace EdgeGateway.Hj212.Framing;

/// <summary>
/// Where the encoder writes a data segment: a counter for the first pass (lengths and limits), a writer for the
/// second. One writing routine serves both, so the length field can never disagree with what is written.
/// </summary>
internal interface IUtf8SegmentSink
{
    /// <summary>Bytes written (or counted) so far.</summary>
    int Position { get; }

    /// <summary>Appends bytes that are already ASCII, e.g. <c>"QN="u8</c>.</summary>
    void Append(ReadOnlySpan<byte> ascii);

    /// <summary>Appends text as UTF-8.</summary>
    void Append(string text);

    /// <summary>Appends a number in invariant decimal.</summary>
    void Append(int number);
}
