using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Slave;
using EdgeGateway.Modbus.Tests.Slave;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Modbus.Tests.Client;

/// <summary>What RTU framing adds to the contract: a CRC that tells corrupted answers apart, noise on the line.</summary>
public abstract class RtuMasterContractTests : ModbusMasterContractTests
{
    private NoiseInjectingTransport? _noisySlaveEnd;

    [Fact]
    public void Corrupted_answer_is_counted_as_a_crc_error_and_retried()
    {
        Faults.Enqueue(new SlaveFault(SlaveFaultKind.BadCrc));
        Memory.SetRegisters(ModbusTable.HoldingRegister, 0, [7]);
        var registers = new ushort[1];

        var first = Master.ReadRegisters(1, ModbusTable.HoldingRegister, 0, 1, registers, new ModbusCallOptions(TimeSpan.FromMilliseconds(300), Retries: 0));
        var retried = Master.ReadRegisters(1, ModbusTable.HoldingRegister, 0, 1, registers, new ModbusCallOptions(TimeSpan.FromMilliseconds(300), Retries: 0));

        Assert.Equal(ModbusErrorKind.Crc, first.Error);
        Assert.Equal("CRC error in the answer from slave 1", first.Detail);
        Assert.True(retried.IsSuccess, retried.ToString());
        Assert.Equal(1, Master.Statistics.CrcErrors);
    }

    [Fact]
    public void Noise_before_an_answer_is_skipped()
    {
        Memory.SetRegisters(ModbusTable.HoldingRegister, 3, [0x0BAD]);
        var registers = new ushort[1];

        // A stray byte on the line right after the request (a reflection, a glitch while the driver turns round)
        // shifts the frame by one; the master slides past it and still finds the CRC-checked answer.
        InjectNoise([0x00]);
        var result = Master.ReadRegisters(1, ModbusTable.HoldingRegister, 3, 1, registers);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(0x0BAD, registers[0]);
    }

    protected override IModbusFramer CreateFramer() => new ModbusRtuFramer();

    /// <summary>Makes the slave side send these bytes right before its next answer.</summary>
    protected void InjectNoise(byte[] noise) => _noisySlaveEnd!.PrependToNextWrite(noise);

    protected override IModbusTransport DecorateSlaveEnd(IModbusTransport slave) => _noisySlaveEnd = new NoiseInjectingTransport(slave);
}
