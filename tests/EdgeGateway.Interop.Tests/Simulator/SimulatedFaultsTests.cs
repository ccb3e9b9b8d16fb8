using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Slave;
using EdgeGateway.Simulator.Faults;

namespace EdgeGateway.Interop.Tests.Simulator;

/// <summary>The fault policy on its own: rates, seeds, scripts and the dead switch.</summary>
public sealed class SimulatedFaultsTests
{
    private static readonly byte[] ReadRequest = [0x03, 0x00, 0x00, 0x00, 0x02];

    [Theory]
    [InlineData("light", 0.03)]
    [InlineData("heavy", 0.25)]
    public void RandomFaultsComeAtTheirRates(string preset, double expectedShare)
    {
        var rates = preset == "light" ? FaultRates.Light : FaultRates.Heavy;
        var faults = new SimulatedFaults(rates, seed: 1);
        const int requests = 20_000;
        for (var i = 0; i < requests; i++)
        {
            faults.Decide(1, ReadRequest);
        }

        var statistics = faults.Statistics;
        Assert.InRange(statistics.Total / (double)requests, expectedShare * 0.85, expectedShare * 1.15);
        Assert.InRange(statistics.NoAnswer / (double)requests, rates.NoAnswer * 0.7, rates.NoAnswer * 1.3);
        Assert.True(statistics.BadCrc > 0 && statistics.Exception > 0 && statistics.Slow > 0, statistics.ToString());
    }

    [Fact]
    public void TheSameSeedGivesTheSameFaults()
    {
        var one = new SimulatedFaults(FaultRates.Heavy, seed: 77);
        var two = new SimulatedFaults(FaultRates.Heavy, seed: 77);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(one.Decide(1, ReadRequest), two.Decide(1, ReadRequest));
        }
    }

    [Fact]
    public void ScriptedFaultsComeFirstThenTheRates()
    {
        var faults = new SimulatedFaults();
        faults.Enqueue(new SlaveFault(SlaveFaultKind.Slow, TimeSpan.FromSeconds(2)), count: 2);
        faults.Enqueue(new SlaveFault(SlaveFaultKind.Exception, ExceptionCode: ModbusExceptionCode.IllegalDataValue));

        Assert.Equal(new SlaveFault(SlaveFaultKind.Slow, TimeSpan.FromSeconds(2)), faults.Decide(1, ReadRequest));
        Assert.Equal(SlaveFaultKind.Slow, faults.Decide(1, ReadRequest).Kind);
        Assert.Equal(ModbusExceptionCode.IllegalDataValue, faults.Decide(1, ReadRequest).ExceptionCode);
        Assert.Equal(SlaveFault.None, faults.Decide(1, ReadRequest));
        Assert.Equal(new FaultStatistics(0, 0, 1, 2), faults.Statistics);
    }

    [Fact]
    public void ADeadUnitIsSilentWhileTheOthersAnswer()
    {
        var faults = new SimulatedFaults();
        faults.Kill(2);
        Assert.Equal(SlaveFaultKind.NoAnswer, faults.Decide(2, ReadRequest).Kind);
        Assert.Equal(SlaveFaultKind.None, faults.Decide(1, ReadRequest).Kind);

        faults.Kill();
        Assert.Equal(SlaveFaultKind.NoAnswer, faults.Decide(1, ReadRequest).Kind);

        faults.Revive();
        Assert.Equal(SlaveFaultKind.None, faults.Decide(1, ReadRequest).Kind);
        Assert.Equal(SlaveFaultKind.None, faults.Decide(2, ReadRequest).Kind);
    }

    [Fact]
    public void NoBadCrcWhereTheFramingHasNone()
    {
        var faults = new SimulatedFaults(new FaultRates { BadCrc = 1 });
        Assert.Equal(SlaveFault.None, faults.Decide(1, ReadRequest, framingHasCrc: false));
        Assert.Equal(SlaveFaultKind.BadCrc, faults.Decide(1, ReadRequest, framingHasCrc: true).Kind);
        Assert.Equal(1, faults.Statistics.BadCrc);
    }

    [Fact]
    public void RatesAddingUpToMoreThanOneAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new SimulatedFaults(new FaultRates { NoAnswer = 0.7, Slow = 0.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedFaults(new FaultRates { Exception = -0.1 }));
    }
}
