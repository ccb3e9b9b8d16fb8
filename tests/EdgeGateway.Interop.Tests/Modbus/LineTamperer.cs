using EdgeGateway.Interop.Tests.Peers;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Interop.Tests.Modbus;

/// <summary>
/// Sits in the middle of a serial line between our master and a real third-party slave (two socat pty pairs and
/// a forwarder), so that a real peer's answers can be lost, delayed or corrupted: the faults a field bus has.
/// </summary>
/// <remarks>master ─ pair M (A|B) ─ tamperer ─ pair S (A|B) ─ slave. Answers are forwarded whole, by line silence.</remarks>
public sealed class LineTamperer : IDisposable
{
    private readonly SocatPtyPair _masterSide;
    private readonly SocatPtyPair _slaveSide;
    private readonly PosixSerialTransport _towardMaster;
    private readonly PosixSerialTransport _towardSlave;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _requests;
    private readonly Thread _answers;
    private int _nextFault;
    private TimeSpan _delay;
    private int _faultsApplied;

    public LineTamperer()
    {
        _masterSide = SocatPtyPair.Start();
        _slaveSide = SocatPtyPair.Start();
        _towardMaster = new PosixSerialTransport(new SerialSettings(_masterSide.PathB));
        _towardSlave = new PosixSerialTransport(new SerialSettings(_slaveSide.PathA));
        _towardMaster.Open();
        _towardSlave.Open();
        _requests = new Thread(() => Forward(_towardMaster, _towardSlave, tamper: false)) { IsBackground = true };
        _answers = new Thread(() => Forward(_towardSlave, _towardMaster, tamper: true)) { IsBackground = true };
        _requests.Start();
        _answers.Start();
    }

    /// <summary>The device path our master opens.</summary>
    public string MasterPath => _masterSide.PathA;

    /// <summary>The device path the third-party slave opens.</summary>
    public string SlavePath => _slaveSide.PathB;

    public int FaultsApplied => Volatile.Read(ref _faultsApplied);

    /// <summary>Applies <paramref name="fault"/> to the next answer only.</summary>
    public void Arm(LineFault fault, TimeSpan delay = default)
    {
        _delay = delay;
        Volatile.Write(ref _nextFault, (int)fault);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _requests.Join(TimeSpan.FromSeconds(2));
        _answers.Join(TimeSpan.FromSeconds(2));
        _towardMaster.Dispose();
        _towardSlave.Dispose();
        _masterSide.Dispose();
        _slaveSide.Dispose();
        _stop.Dispose();
    }

    private void Forward(IModbusTransport from, IModbusTransport to, bool tamper)
    {
        var buffer = new byte[1024];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var filled = from.Read(buffer, TimeSpan.FromMilliseconds(100));
                if (filled == 0)
                {
                    continue;
                }

                // Collect the whole frame: it ends when the line has been quiet for a few milliseconds.
                int more;
                while ((more = from.Read(buffer.AsSpan(filled), TimeSpan.FromMilliseconds(5))) > 0)
                {
                    filled += more;
                }

                var fault = tamper ? (LineFault)Interlocked.Exchange(ref _nextFault, (int)LineFault.None) : LineFault.None;
                if (fault != LineFault.None)
                {
                    Interlocked.Increment(ref _faultsApplied);
                }

                switch (fault)
                {
                    case LineFault.Drop:
                        continue;
                    case LineFault.Delay:
                        Thread.Sleep(_delay);
                        break;
                    case LineFault.CorruptCrc:
                        buffer[filled - 1] ^= 0xFF;
                        break;
                }

                to.Write(buffer.AsSpan(0, filled));
            }
        }
        catch (ModbusTransportException) when (_stop.IsCancellationRequested)
        {
            // The line was closed under us at the end of the test.
        }
    }
}
