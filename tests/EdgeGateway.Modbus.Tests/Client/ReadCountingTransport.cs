using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Modbus.Tests.Client;

/// <summary>
/// Passes everything to the line it wraps and counts the reads that came back empty (waits that ran out in silence)
/// and the calls to empty the input.
/// </summary>
public sealed class ReadCountingTransport(IModbusTransport line) : IModbusTransport
{
    private int _silentReads;
    private int _discards;

    /// <summary>Reads that returned no byte: the master waited out their whole timeout.</summary>
    public int SilentReads => Volatile.Read(ref _silentReads);

    /// <summary>Calls to <see cref="DiscardInput"/>: a system call each on a TCP line.</summary>
    public int Discards => Volatile.Read(ref _discards);

    public string Endpoint => line.Endpoint;

    public bool IsOpen => line.IsOpen;

    public void Open() => line.Open();

    public void Close() => line.Close();

    public void Write(ReadOnlySpan<byte> data) => line.Write(data);

    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        var read = line.Read(buffer, timeout);
        if (read == 0)
        {
            Interlocked.Increment(ref _silentReads);
        }

        return read;
    }

    public int DiscardInput()
    {
        Interlocked.Increment(ref _discards);
        return line.DiscardInput();
    }

    public void Dispose() => line.Dispose();
}
