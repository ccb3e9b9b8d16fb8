using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Ring;

namespace EdgeGateway.DataFlow.Tests.Pipeline.Ring;

/// <summary>The ring contract for the reference ring over a bounded channel.</summary>
public sealed class ChannelRingContractTests : RingContractTests
{
    protected override IRing<Reading> CreateRing(int capacity) => new ChannelRing<Reading>(capacity);

    // The channel has no spin phase to skip: its consumer always goes straight to WaitToReadAsync.
    protected override IRing<Reading> CreateEagerlyParkingRing(int capacity) => new ChannelRing<Reading>(capacity);
}
