using System.Collections.Concurrent;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Slave;
using EdgeGateway.Modbus.Transport;
using EdgeGateway.Testing.Modbus.Transport;

namespace EdgeGateway.DataFlow.Tests.FieldBus.Polling;

/// <summary>
/// An RTU line in memory: our <see cref="ModbusMaster"/> (fast timings) at one end, a <see cref="ModbusSlaveServer"/>
/// serving <see cref="Units"/> on its own thread at the other. Units may be added while it runs. Dispose after the
/// bus loops using <see cref="Master"/> have stopped.
/// </summary>
internal sealed class InMemoryModbusLine : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly IModbusTransport _slaveEnd;
    private readonly Thread _slave;

    public InMemoryModbusLine()
    {
        var (masterEnd, slaveEnd) = InMemoryTransportPair.Create("bus");
        _slaveEnd = slaveEnd;
        var server = new ModbusSlaveServer(slaveEnd, new ModbusRtuFramer(), Units);
        _slave = new Thread(() => server.Run(_stop.Token)) { IsBackground = true, Name = "in-memory slave" };
        _slave.Start();
        Master = new ModbusMaster(masterEnd, new ModbusRtuFramer(), new ModbusMasterOptions { FrameSilence = TimeSpan.FromMilliseconds(1), LateAnswerGuard = TimeSpan.FromMilliseconds(5) });
    }

    /// <summary>The slaves by unit id.</summary>
    public ConcurrentDictionary<byte, IModbusSlaveDevice> Units { get; } = new();

    public ModbusMaster Master { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _slave.Join(TimeSpan.FromSeconds(2));
        Master.Dispose();
        _slaveEnd.Dispose();
        _stop.Dispose();
    }
}
