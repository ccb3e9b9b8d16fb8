using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Modbus.Tests.Transport.Rs485;

/// <summary>
/// Passes everything to a real transport and logs it: "write N bytes" once the inner Write returned (so the bytes have
/// been drained: tcdrain on a serial port), "read" for every read attempt.
/// </summary>
internal sealed class RecordingTransport(IModbusTransport inner, Rs485EventLog log) : IModbusTransport
{
    public string Endpoint => inner.Endpoint;

    public bool IsOpen => inner.IsOpen;

    public void Open() => inner.Open();

    public void Close() => inner.Close();

    public void Write(ReadOnlySpan<byte> data)
    {
        inner.Write(data);
        log.Add($"write {data.Length} bytes");
    }

    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        log.Add("read");
        return inner.Read(buffer, timeout);
    }

    public int DiscardInput()
    {
        log.Add("discard");
        return inner.DiscardInput();
    }

    public void Dispose() => inner.Dispose();
}
