namespace EdgeGateway.FieldBus.Planning;

/// <summary>The requests that read every channel and status word of one device once per poll cycle.</summary>
/// <param name="Requests">In table order (coil, discrete, input, holding), then by address.</param>
/// <param name="Strategy">How it was made.</param>
/// <param name="Limits">The limits it respects.</param>
public sealed record ReadPlan(IReadOnlyList<ReadRequest> Requests, PlanningStrategy Strategy, ReadPlanLimits Limits)
{
    /// <summary>Registers asked for by FC03/FC04 requests, holes included.</summary>
    public int RegisterCount => Requests.Where(request => !request.ReadsBits).Sum(request => request.Count);

    /// <summary>Coils and discrete inputs asked for by FC01/FC02 requests, holes included.</summary>
    public int BitCount => Requests.Where(request => request.ReadsBits).Sum(request => request.Count);

    public int ChannelCount => CountItems(SpanOwnerKind.Channel);

    public int StatusWordCount => CountItems(SpanOwnerKind.StatusWord);

    /// <summary>
    /// For the startup log, as Telegraf logs "Got N request(s) touching M registers for K fields":
    /// e.g. <c>3 requests, 52 registers for 19 channels</c>, or <c>4 requests, 31 registers and 4 bits for 11 channels and 3 status words</c>.
    /// </summary>
    public string Summary
    {
        get
        {
            var registers = RegisterCount;
            var bits = BitCount;
            var amount = bits == 0 ? Counted(registers, "register")
                : registers == 0 ? Counted(bits, "bit")
                : $"{Counted(registers, "register")} and {Counted(bits, "bit")}";
            var statusWords = StatusWordCount;
            var owners = statusWords == 0
                ? Counted(ChannelCount, "channel")
                : $"{Counted(ChannelCount, "channel")} and {Counted(statusWords, "status word")}";
            return $"{Counted(Requests.Count, "request")}, {amount} for {owners}";
        }
    }

    public override string ToString() => Summary;

    private int CountItems(SpanOwnerKind kind) => Requests.Sum(request => request.Items.Count(item => item.OwnerKind == kind));

    private static string Counted(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
