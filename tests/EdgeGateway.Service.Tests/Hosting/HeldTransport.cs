using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Service.Tests.Hosting;

/// <summary>
/// A transport whose reads hold the bus thread until the test releases them, as a device in the middle of a long
/// answer timeout does; it never answers.
/// </summary>
internal sealed class HeldTransport : IModbusTransport
{
    private readonly ManualResetEventSlim _reading = new();
    private readonly ManualResetEventSlim _released = new();

    public string Endpoint => "held://test";

    public bool IsOpen { get; private set; }

    /// <summary>Set once the bus thread is held in a read.</summary>
    public WaitHandle Reading => _reading.WaitHandle;

    public void Release() => _released.Set();

    public void Open() => IsOpen = true;

    public void Close() => IsOpen = false;

    public void Write(ReadOnlySpan<byte> data)
    {
    }

    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        _reading.Set();
        _released.Wait(TimeSpan.FromMinutes(1));
        return 0;
    }

    public int DiscardInput() => 0;

    public void Dispose()
    {
        _reading.Dispose();
        _released.Dispose();
    }
}
