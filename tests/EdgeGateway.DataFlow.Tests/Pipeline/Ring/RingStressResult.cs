namespace EdgeGateway.DataFlow.Tests.Pipeline.Ring;

/// <summary>What a <see cref="RingStress"/> run saw, per producer, for the test to judge.</summary>
/// <param name="Accepted">Per producer, the sequence numbers whose write the ring accepted, in writing order.</param>
/// <param name="Consumed">Per producer, the sequence numbers the consumer took, in taking order.</param>
/// <param name="Attempted">Per producer, how many writes it tried.</param>
/// <param name="Refused">Per producer, how many of its writes the ring refused.</param>
/// <param name="Overflows">How many overflow episodes the ring reported.</param>
/// <param name="Failure">The first thing that went wrong while running, or null.</param>
internal sealed record RingStressResult(
    List<long>[] Accepted,
    List<long>[] Consumed,
    long[] Attempted,
    long[] Refused,
    int Overflows,
    string? Failure);
