namespace EdgeGateway.Simulator.Serving;

/// <summary>What a <see cref="SimulatorServer"/> has done so far, over every connection; a snapshot.</summary>
/// <param name="Requests">Requests received for any unit (broadcasts and other units' requests included).</param>
/// <param name="Answered">Answers sent, exceptions and deliberately corrupted ones included.</param>
/// <param name="Ignored">Requests for units not served, and broadcasts.</param>
/// <param name="BadFrames">Frames dropped for a bad CRC or because they were cut short.</param>
/// <param name="FaultsInjected">Requests the fault policy made misbehave.</param>
/// <param name="ConnectionsAccepted">TCP connections accepted (0 on a serial line).</param>
/// <param name="ActiveConnections">TCP connections open now (or 1 while a serial port is open).</param>
public sealed record SimulatorStatistics(
    long Requests,
    long Answered,
    long Ignored,
    long BadFrames,
    long FaultsInjected,
    long ConnectionsAccepted,
    int ActiveConnections);
