using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Simulator.Faults;

/// <summary>
/// How often a simulated analyzer misbehaves, as the chance per request of each fault. The chances add up:
/// 0.02 no-answer and 0.01 exception means 3 % of requests fail one way or the other.
/// </summary>
public sealed record FaultRates
{
    /// <summary>A well-behaved analyzer.</summary>
    public static readonly FaultRates None = new();

    /// <summary>A long RS-485 line in a noisy cabinet: a fault every few dozen requests.</summary>
    public static readonly FaultRates Light = new() { NoAnswer = 0.01, BadCrc = 0.005, Exception = 0.005, Slow = 0.01 };

    /// <summary>An analyzer in trouble: about one request in four fails.</summary>
    public static readonly FaultRates Heavy = new() { NoAnswer = 0.1, BadCrc = 0.05, Exception = 0.05, Slow = 0.05 };

    /// <summary>Chance that a request gets no answer at all.</summary>
    public double NoAnswer { get; init; }

    /// <summary>Chance that the answer carries a wrong CRC (RTU framings only; nothing happens on Modbus TCP).</summary>
    public double BadCrc { get; init; }

    /// <summary>Chance that the answer is an exception (<see cref="ExceptionCode"/>).</summary>
    public double Exception { get; init; }

    /// <summary>Chance that the answer comes after <see cref="SlowDelay"/>.</summary>
    public double Slow { get; init; }

    /// <summary>How late a slow answer comes: by default after a typical 1 s master timeout has passed.</summary>
    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>The exception a faulty answer carries: 06, busy, as an analyzer in the middle of a measurement answers.</summary>
    public ModbusExceptionCode ExceptionCode { get; init; } = ModbusExceptionCode.ServerDeviceBusy;

    /// <summary>The sum of all chances; must not exceed 1.</summary>
    public double Total => NoAnswer + BadCrc + Exception + Slow;

    /// <summary>Throws when a chance is negative or not a number, or the chances add up to more than 1.</summary>
    public void Validate()
    {
        foreach (var chance in (ReadOnlySpan<double>)[NoAnswer, BadCrc, Exception, Slow])
        {
            if (!(chance >= 0 && chance <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(chance), chance, "a fault chance must be between 0 and 1");
            }
        }

        if (Total > 1)
        {
            throw new ArgumentException($"the fault chances add up to {Total}, more than 1");
        }

        if (SlowDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(SlowDelay), SlowDelay, "the slow-answer delay must not be negative");
        }
    }
}
