using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>Passes everything to a real transport and calls <c>written</c> with each frame's length as it goes out.</summary>
internal sealed class FrameWitnessTransport(IModbusTransport inner, Action<int> written) : IModbusTransport
{
    public string Endpoint => inner.Endpoint;

    public bool IsOpen => inner.IsOpen;

    public void Open() => inner.Open();

    public void Close() => inner.Close();

    public void Write(ReadOnlySpan<byte> data)
    {
        written(data.Length);
        inner.Write(data);
    }

    public int Read(Span<byte> buffer, TimeSpan timeout) => inner.Read(buffer, timeout);

    public int DiscardInput() => inner.DiscardInput();

    public void Dispose() => inner.Dispose();
}
