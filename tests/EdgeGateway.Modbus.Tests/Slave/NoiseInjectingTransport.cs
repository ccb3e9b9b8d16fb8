using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Modbus.Tests.Slave;

/// <summary>Wraps a slave's end of a line and puts noise bytes in front of its next answer.</summary>
public sealed class NoiseInjectingTransport(IModbusTransport inner) : IModbusTransport
{
    private byte[]? _noise;

    public string Endpoint => inner.Endpoint;

    public bool IsOpen => inner.IsOpen;

    public void PrependToNextWrite(byte[] noise) => Volatile.Write(ref _noise, noise);

    public void Open() => inner.Open();

    public void Close() => inner.Close();

    public void Write(ReadOnlySpan<byte> data)
    {
        var noise = Interlocked.Exchange(ref _noise, null);
        if (noise is null)
        {
            inner.Write(data);
            return;
        }

        inner.Write([.. noise, .. data]);
    }

    public int Read(Span<byte> buffer, TimeSpan timeout) => inner.Read(buffer, timeout);

    public int DiscardInput() => inner.DiscardInput();

    public void Dispose() => inner.Dispose();
}
