using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Ring;

namespace EdgeGateway.DataFlow.Tests.Pipeline.Ring;

/// <summary>The ring contract for the gateway's lock-free ring.</summary>
public sealed class MpscRingContractTests : RingContractTests
{
    protected override int StressItems => 400_000;

    protected override IRing<Reading> CreateRing(int capacity) => new MpscRing<Reading>(capacity);

    protected override IRing<Reading> CreateEagerlyParkingRing(int capacity) => new MpscRing<Reading>(capacity, consumerSpinCount: 0);

    /// <summary>This ring shows its sleep announcement, so the tests write exactly when the consumer is parked.</summary>
    protected override void WaitUntilConsumerSleeps(IRing<Reading> ring)
    {
        var mpsc = (MpscRing<Reading>)ring;
        Assert.True(SpinWait.SpinUntil(() => mpsc.IsConsumerParked, TimeSpan.FromSeconds(10)), "the consumer never parked");
    }

    [Fact]
    public void Rejects_a_negative_spin_count()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MpscRing<Reading>(8, consumerSpinCount: -1));

        Assert.Equal("consumerSpinCount", error.ParamName);
    }
}
