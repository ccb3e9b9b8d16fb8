using EdgeGateway.Control.Contract.Console;

namespace EdgeGateway.WebConsole;

/// <summary>What the console takes from gateway.json: the control socket and its own <c>console</c> section.</summary>
internal sealed record ConsoleConfiguration(string ConfigFile, string ControlSocket, ConsoleSettings Settings);
