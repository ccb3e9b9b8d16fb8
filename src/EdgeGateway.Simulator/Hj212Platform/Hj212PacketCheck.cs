namespace EdgeGateway.Simulator.Hj212Platform;

/// <summary>What <see cref="Hj212PacketChecker"/> found in one frame.</summary>
internal sealed record Hj212PacketCheck(IReadOnlyList<string> Problems, IReadOnlyList<string> HeaderOrder, string? Rf, bool IsRepeat);
