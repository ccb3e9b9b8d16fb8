namespace EdgeGateway.Pipeline.Ring;

/// <summary>
/// One cell of <see cref="MpscRing{T}"/>: the item stored inline (no allocation per item) and the sequence number
/// that says who owns the cell and for which lap (see the ownership table in <see cref="MpscRing{T}"/>).
/// </summary>
internal struct RingSlot<T>
    where T : struct
{
    /// <summary>
    /// Equal to position p: free for the producer of p. Equal to p + 1: holds the item of p for the consumer.
    /// Equal to p + capacity: taken, free for the producer of the next lap's position p + capacity.
    /// </summary>
    public long Sequence;

    public T Item;
}
