using EdgeGateway.FieldBus.Planning;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.DataFlow.Tests.FieldBus;

/// <summary>Figures computed by hand: bytes × bits per character / baud, plus a t3.5 after each of the two frames.</summary>
public sealed class BusTimeEstimatorTests
{
    [Fact]
    public void Fc03_of_125_registers_at_9600_8n1()
    {
        var estimator = new BusTimeEstimator(9600, 10);

        var cost = estimator.Estimate(Request(ModbusTable.HoldingRegister, 125));

        // 1 slave + 1 function + 1 byte count + 250 data + 2 CRC = 255; request 8. (8 + 255 + 2 × 3.5) × 10 / 9600 s = 281.25 ms.
        Assert.Equal((8, 255, 263), (cost.RequestBytes, cost.ResponseBytes, cost.WireBytes));
        Assert.Equal(TimeSpan.FromTicks(2_812_500), cost.BusTime);
        Assert.Equal(TimeSpan.FromTicks(2_656_250), estimator.WireTime(255));
        Assert.Equal(TimeSpan.FromTicks(83_333), estimator.WireTime(8));
        Assert.Equal(TimeSpan.FromTicks(36_458), estimator.InterFrameSilence);
        Assert.Equal(TimeSpan.FromTicks(10_417), estimator.CharacterTime);
    }

    [Fact]
    public void Fc01_packs_coils_eight_to_a_byte()
    {
        var cost = new BusTimeEstimator(9600, 10).Estimate(Request(ModbusTable.Coil, 20));

        // 20 coils → 3 data bytes; response 5 + 3 = 8. (8 + 8 + 7) × 10 / 9600 s = 23.958 ms.
        Assert.Equal((8, 8), (cost.RequestBytes, cost.ResponseBytes));
        Assert.Equal(23.958, cost.BusTime.TotalMilliseconds, precision: 3);
    }

    [Fact]
    public void Even_parity_adds_a_bit_per_character()
    {
        var estimator = BusTimeEstimator.For(new SerialSettings("/dev/ttyS1", 19200, SerialParity.Even));

        var cost = estimator.Estimate(Request(ModbusTable.InputRegister, 2));

        // 8E1 = 11 bits. Request 8 + response 9 = 17 characters, + 2 × 3.5: 24 × 11 / 19200 s = 13.75 ms.
        Assert.Equal(11, estimator.BitsPerCharacter);
        Assert.Equal(TimeSpan.FromTicks(137_500), cost.BusTime);
        Assert.Equal(2.005, estimator.InterFrameSilence.TotalMilliseconds, precision: 3);
    }

    [Fact]
    public void Above_19200_baud_t35_is_fixed_at_1750_microseconds()
    {
        var estimator = new BusTimeEstimator(38400, 10);

        var cost = estimator.Estimate(Request(ModbusTable.HoldingRegister, 10));

        // (8 + 25) × 10 / 38400 s = 8.59375 ms, + 2 × 1.75 ms = 12.09375 ms.
        Assert.Equal(TimeSpan.FromTicks(17_500), estimator.InterFrameSilence);
        Assert.Equal(TimeSpan.FromTicks(120_938), cost.BusTime);
    }

    [Fact]
    public void Slave_turnaround_is_added_once_per_request()
    {
        var plan = ReadPlanner.Plan(
            [new RegisterSpan(ModbusTable.HoldingRegister, 0, 2, "a"), new RegisterSpan(ModbusTable.HoldingRegister, 100, 2, "b")],
            new ReadPlanLimits());

        var without = new BusTimeEstimator(9600, 10).Estimate(plan);
        var with = new BusTimeEstimator(9600, 10, TimeSpan.FromMilliseconds(20)).Estimate(plan);

        Assert.Equal(TimeSpan.FromMilliseconds(40), with.BusTime - without.BusTime);
    }

    [Fact]
    public void A_plan_sums_its_requests()
    {
        var plan = ReadPlanner.Plan(
            [new RegisterSpan(ModbusTable.InputRegister, 0, 2, "a"), new RegisterSpan(ModbusTable.InputRegister, 50, 4, "b"), new RegisterSpan(ModbusTable.Coil, 3, 1, "c")],
            new ReadPlanLimits());

        var cost = new BusTimeEstimator(9600, 10).Estimate(plan);

        // Coil: 8 + 6; input 0-1: 8 + 9; input 50-53: 8 + 13. 52 bytes + 3 × 7 silences = 73 characters = 76.041(6) ms.
        Assert.Equal((3, 24, 28, 52), (cost.Requests, cost.RequestBytes, cost.ResponseBytes, cost.WireBytes));
        Assert.Equal(TimeSpan.FromTicks(760_417), cost.BusTime);
        Assert.Equal(cost.WireBytes, ModbusFrameSizes.RtuWireBytes(plan));
        Assert.Equal([14, 17, 21], cost.PerRequest.Select(request => request.WireBytes));
    }

    [Fact]
    public void Modbus_tcp_frames_carry_the_mbap_header_instead_of_slave_and_crc()
    {
        // Request: MBAP 7 + function, address, count = 12. Response: 7 + function + byte count + data.
        Assert.Equal(12, ModbusFrameSizes.TcpReadRequestBytes);
        Assert.Equal(259, ModbusFrameSizes.TcpResponseBytes(Request(ModbusTable.HoldingRegister, 125)));
        Assert.Equal(12, ModbusFrameSizes.TcpResponseBytes(Request(ModbusTable.DiscreteInput, 20)));
        var plan = new ReadPlan([Request(ModbusTable.HoldingRegister, 125), Request(ModbusTable.DiscreteInput, 20)], PlanningStrategy.GapMerging, new ReadPlanLimits());
        Assert.Equal(12 + 259 + 12 + 12, ModbusFrameSizes.TcpWireBytes(plan));
    }

    private static ReadRequest Request(ModbusTable table, int count) =>
        new(table, 0, count, [new RegisterSpan(table, 0, 1, "x")]);
}
