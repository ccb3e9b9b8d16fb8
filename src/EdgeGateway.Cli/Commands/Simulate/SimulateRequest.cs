using EdgeGateway.Modbus.Client;

namespace EdgeGateway.Cli.Commands.Simulate;

/// <summary>What <c>egw simulate</c> was asked to do, read from its options.</summary>
internal sealed record SimulateRequest(
    IReadOnlyList<string> ProfileFiles,
    ModbusEndpoint Listen,
    int FirstSlave,
    string Faults,
    int Seed,
    int Baud);
