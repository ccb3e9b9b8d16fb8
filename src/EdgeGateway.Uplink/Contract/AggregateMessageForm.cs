namespace EdgeGateway.Uplink.Contract;

/// <summary>How aggregate records go on <c>{root}/aggregates/minute|hour|day</c> (docs/platform-contract.md).</summary>
public enum AggregateMessageForm
{
    /// <summary>
    /// Consecutive records of one period share a message: <c>records</c>, with first..last sequence covering exactly
    /// them. A minute closes with one record per channel at once, and a day's backlog holds 1,440 such minutes.
    /// </summary>
    Batch,

    /// <summary>One record per message, <c>record</c>: the form before batches, for a platform that reads only it.</summary>
    Single,
}
