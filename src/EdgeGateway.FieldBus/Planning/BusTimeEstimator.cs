using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.FieldBus.Planning;

/// <summary>
/// Estimates how long read requests occupy a Modbus RTU bus: each frame's bytes × bits per character / baud,
/// a t3.5 silence after each frame, and a configurable slave turnaround. This is the bound that makes coalescing,
/// not CPU, decide RTU throughput (peers.md §3): a 125-register FC03 at 9600 8N1 takes 281.25 ms.
/// </summary>
public sealed class BusTimeEstimator
{
    /// <param name="baudRate">Bits per second.</param>
    /// <param name="bitsPerCharacter">Start + data + parity + stop bits: 10 for 8N1, 11 for 8E1 or 8N2.</param>
    /// <param name="slaveTurnaround">
    /// Time the slave takes to start answering after its t3.5 has passed; 0 by default because it varies per
    /// analyzer (often 5–50 ms), so measure it before trusting an absolute figure.
    /// </param>
    public BusTimeEstimator(int baudRate, int bitsPerCharacter, TimeSpan slaveTurnaround = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baudRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(bitsPerCharacter, 7);
        ArgumentOutOfRangeException.ThrowIfLessThan(slaveTurnaround, TimeSpan.Zero);
        BaudRate = baudRate;
        BitsPerCharacter = bitsPerCharacter;
        SlaveTurnaround = slaveTurnaround;
    }

    public static BusTimeEstimator For(SerialSettings line, TimeSpan slaveTurnaround = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new BusTimeEstimator(line.BaudRate, line.BitsPerCharacter, slaveTurnaround);
    }

    public int BaudRate { get; }

    public int BitsPerCharacter { get; }

    public TimeSpan SlaveTurnaround { get; }

    /// <summary>One character on the wire.</summary>
    public TimeSpan CharacterTime => ToTimeSpan(CharacterSeconds);

    /// <summary>t3.5: the silence that ends a frame.</summary>
    public TimeSpan InterFrameSilence => ToTimeSpan(SilenceSeconds);

    /// <summary>Time <paramref name="bytes"/> take on the wire.</summary>
    public TimeSpan WireTime(int bytes) => ToTimeSpan(bytes * CharacterSeconds);

    public RequestBusTime Estimate(ReadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var requestBytes = ModbusFrameSizes.RtuReadRequestBytes;
        var responseBytes = ModbusFrameSizes.RtuResponseBytes(request);
        return new RequestBusTime(request, requestBytes, responseBytes, ToTimeSpan(TransactionSeconds(requestBytes + responseBytes)));
    }

    public PlanBusTime Estimate(ReadPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var perRequest = plan.Requests.Select(Estimate).ToList();
        var requestBytes = perRequest.Sum(request => request.RequestBytes);
        var responseBytes = perRequest.Sum(request => request.ResponseBytes);
        // Summed in seconds and rounded once, so the total does not collect a tick of rounding per request.
        var seconds = perRequest.Sum(request => TransactionSeconds(request.WireBytes));
        return new PlanBusTime(perRequest.Count, requestBytes, responseBytes, ToTimeSpan(seconds), perRequest);
    }

    private double CharacterSeconds => (double)BitsPerCharacter / BaudRate;

    // The timing rule is RtuTiming's; the estimate keeps its own exact (unrounded) arithmetic for the character time.
    private double SilenceSeconds => BaudRate > RtuTiming.FixedTimingAboveBaud ? RtuTiming.FixedT35.TotalSeconds : 3.5 * CharacterSeconds;

    /// <summary>Request on the wire, t3.5, turnaround, response on the wire, t3.5.</summary>
    private double TransactionSeconds(int wireBytes) =>
        (wireBytes * CharacterSeconds) + (2 * SilenceSeconds) + SlaveTurnaround.TotalSeconds;

    private static TimeSpan ToTimeSpan(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
}
