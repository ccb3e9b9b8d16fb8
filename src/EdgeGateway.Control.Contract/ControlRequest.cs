using System.Text.Json;

namespace EdgeGateway.Control.Contract;

/// <summary>One request line.</summary>
/// <param name="V">Protocol version, <see cref="ControlProtocol.Version"/>.</param>
/// <param name="Id">Echoed in the response, so a client can match them.</param>
/// <param name="Command">What to do, e.g. <c>status</c>.</param>
/// <param name="Args">The command's arguments, an object; null when it takes none.</param>
public sealed record ControlRequest(int V, string? Id, string Command, JsonElement? Args = null);
