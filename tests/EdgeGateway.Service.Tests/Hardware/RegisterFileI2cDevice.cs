using System.Device.I2c;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>
/// A chip whose registers are a 256-byte file with an auto-incrementing pointer, as DS3231 and BME280 behave on the
/// bus: a write sets the pointer with its first byte and stores the rest from there; a read returns bytes from the
/// pointer on. <see cref="Answering"/> false makes every transfer fail like a missing chip (IOException).
/// </summary>
internal class RegisterFileI2cDevice(int busId, int address) : I2cDevice
{
    private byte _pointer;

    public byte[] Registers { get; } = new byte[256];

    public bool Answering { get; set; } = true;

    /// <summary>Every register write, in order: (register, value).</summary>
    public List<(byte Register, byte Value)> Writes { get; } = [];

    public bool Disposed { get; private set; }

    public override I2cConnectionSettings ConnectionSettings { get; } = new(busId, address);

    public override byte ReadByte()
    {
        Span<byte> value = stackalloc byte[1];
        Read(value);
        return value[0];
    }

    public override void Read(Span<byte> buffer)
    {
        ThrowUnlessAnswering();
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = Registers[_pointer++];
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowUnlessAnswering();
        if (buffer.IsEmpty)
        {
            return;
        }

        _pointer = buffer[0];
        foreach (var value in buffer[1..])
        {
            Writes.Add((_pointer, value));
            OnWrite(_pointer, value);
            _pointer++;
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    /// <summary>Stores a written byte; a model overrides it to react (e.g. a command register).</summary>
    protected virtual void OnWrite(byte register, byte value) => Registers[register] = value;

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }

    private void ThrowUnlessAnswering()
    {
        if (!Answering)
        {
            throw new IOException("Error 121 performing I2C data transfer (no acknowledge)");
        }
    }
}
