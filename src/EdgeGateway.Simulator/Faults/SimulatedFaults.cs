using EdgeGateway.Modbus.Slave;

namespace EdgeGateway.Simulator.Faults;

/// <summary>
/// Decides, request by request, whether a simulated analyzer misbehaves: first a "dead" switch (no answer until
/// revived), then scripted faults for the next requests, then random faults at <see cref="Rates"/>.
/// </summary>
/// <remarks>
/// Random faults come from a <see cref="Random"/> seeded once, so a single-client run repeats exactly; with
/// several clients the interleaving of their requests decides who meets which fault. Thread-safe.
/// </remarks>
public sealed class SimulatedFaults : IModbusSlaveFaultPolicy
{
    private readonly Lock _gate = new();
    private readonly Random _random;
    private readonly Queue<SlaveFault> _scripted = new();
    private readonly HashSet<byte> _deadUnits = [];
    private FaultRates _rates;
    private bool _allDead;
    private long _noAnswer;
    private long _badCrc;
    private long _exception;
    private long _slow;

    public SimulatedFaults(FaultRates? rates = null, int seed = 0)
    {
        _rates = rates ?? FaultRates.None;
        _rates.Validate();
        _random = new Random(seed);
    }

    /// <summary>The chances of random faults; may be changed while serving.</summary>
    public FaultRates Rates
    {
        get
        {
            lock (_gate)
            {
                return _rates;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            lock (_gate)
            {
                _rates = value;
            }
        }
    }

    /// <summary>Faults injected so far.</summary>
    public FaultStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                return new FaultStatistics(_noAnswer, _badCrc, _exception, _slow);
            }
        }
    }

    /// <summary>Scripted faults waiting for requests.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _scripted.Count;
            }
        }
    }

    /// <summary>True when no unit answers (<see cref="Kill()"/>).</summary>
    public bool IsDead
    {
        get
        {
            lock (_gate)
            {
                return _allDead;
            }
        }
    }

    /// <summary>Applies <paramref name="fault"/> to each of the next <paramref name="count"/> requests (any unit), before any random fault.</summary>
    public void Enqueue(SlaveFault fault, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _scripted.Enqueue(fault);
            }
        }
    }

    /// <summary>Drops scripted faults not yet used.</summary>
    public void ClearScripted()
    {
        lock (_gate)
        {
            _scripted.Clear();
        }
    }

    /// <summary>Every unit falls silent, as an analyzer switched off or a cut cable, until <see cref="Revive()"/>.</summary>
    public void Kill()
    {
        lock (_gate)
        {
            _allDead = true;
        }
    }

    /// <summary>One unit falls silent while the others on the same line keep answering.</summary>
    public void Kill(byte unitId)
    {
        lock (_gate)
        {
            _deadUnits.Add(unitId);
        }
    }

    /// <summary>Every unit answers again.</summary>
    public void Revive()
    {
        lock (_gate)
        {
            _allDead = false;
            _deadUnits.Clear();
        }
    }

    public void Revive(byte unitId)
    {
        lock (_gate)
        {
            _deadUnits.Remove(unitId);
        }
    }

    public bool IsUnitDead(byte unitId)
    {
        lock (_gate)
        {
            return _allDead || _deadUnits.Contains(unitId);
        }
    }

    /// <summary>The decision for a request on an RTU framing (serial line or RTU over TCP).</summary>
    public SlaveFault Decide(byte unitId, ReadOnlySpan<byte> requestPdu) => Decide(unitId, requestPdu, framingHasCrc: true);

    /// <summary>
    /// The decision for one request. On a framing without a CRC (Modbus TCP) a bad CRC cannot be told from a
    /// corrupted value, and TCP's own checksum would have caught it anyway, so that fault is never chosen there.
    /// </summary>
    public SlaveFault Decide(byte unitId, ReadOnlySpan<byte> requestPdu, bool framingHasCrc)
    {
        lock (_gate)
        {
            SlaveFault fault;
            if (_allDead || _deadUnits.Contains(unitId))
            {
                fault = new SlaveFault(SlaveFaultKind.NoAnswer);
            }
            else if (_scripted.TryDequeue(out var scripted))
            {
                fault = scripted;
            }
            else
            {
                fault = Draw();
            }

            if (fault.Kind == SlaveFaultKind.BadCrc && !framingHasCrc)
            {
                fault = SlaveFault.None;
            }

            Count(fault.Kind);
            return fault;
        }
    }

    private SlaveFault Draw()
    {
        var rates = _rates;
        if (rates.Total <= 0)
        {
            return SlaveFault.None;
        }

        var roll = _random.NextDouble();
        if ((roll -= rates.NoAnswer) < 0)
        {
            return new SlaveFault(SlaveFaultKind.NoAnswer);
        }

        if ((roll -= rates.BadCrc) < 0)
        {
            return new SlaveFault(SlaveFaultKind.BadCrc);
        }

        if ((roll -= rates.Exception) < 0)
        {
            return new SlaveFault(SlaveFaultKind.Exception, ExceptionCode: rates.ExceptionCode);
        }

        if (roll - rates.Slow < 0)
        {
            return new SlaveFault(SlaveFaultKind.Slow, rates.SlowDelay);
        }

        return SlaveFault.None;
    }

    private void Count(SlaveFaultKind kind)
    {
        switch (kind)
        {
            case SlaveFaultKind.NoAnswer:
                _noAnswer++;
                break;
            case SlaveFaultKind.BadCrc:
                _badCrc++;
                break;
            case SlaveFaultKind.Exception:
                _exception++;
                break;
            case SlaveFaultKind.Slow:
                _slow++;
                break;
            default:
                break;
        }
    }
}
