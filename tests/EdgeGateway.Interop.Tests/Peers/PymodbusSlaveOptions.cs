using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Interop.Tests.Peers;

/// <summary>
/// What a <see cref="PymodbusSlave"/> serves: its unit ids and the initial contents of the four tables, from
/// address 0 (zero_mode, so address N is element N). Tables are padded with zeros to <see cref="TableSize"/>;
/// reads beyond it get an "illegal data address" exception.
/// </summary>
public sealed record PymodbusSlaveOptions
{
    /// <summary>The unit (slave) ids that answer; each gets its own copy of the tables. Others stay silent.</summary>
    public IReadOnlyList<byte> UnitIds { get; init; } = [1];

    /// <summary>Holding registers (function 3, 6, 16), from address 0.</summary>
    public IReadOnlyList<ushort> HoldingRegisters { get; init; } = [];

    /// <summary>Input registers (function 4), from address 0.</summary>
    public IReadOnlyList<ushort> InputRegisters { get; init; } = [];

    /// <summary>Coils (function 1, 5, 15), from address 0.</summary>
    public IReadOnlyList<bool> Coils { get; init; } = [];

    /// <summary>Discrete inputs (function 2), from address 0.</summary>
    public IReadOnlyList<bool> DiscreteInputs { get; init; } = [];

    /// <summary>How many addresses each table has.</summary>
    public int TableSize { get; init; } = 1000;

    /// <summary>RTU only: the line settings pyserial applies to the pty (a pty ignores them, a real port does not).</summary>
    public int BaudRate { get; init; } = 9600;

    /// <summary>RTU only.</summary>
    public SerialParity Parity { get; init; } = SerialParity.None;

    /// <summary>RTU only.</summary>
    public int DataBits { get; init; } = 8;

    /// <summary>RTU only.</summary>
    public int StopBits { get; init; } = 1;

    /// <summary>Python logging level of pymodbus ("DEBUG" shows every frame on stderr).</summary>
    public string LogLevel { get; init; } = "WARNING";
}
