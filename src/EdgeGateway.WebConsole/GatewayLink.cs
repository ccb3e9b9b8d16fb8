using System.Net.Sockets;
using System.Text.Json;
using EdgeGateway.Control.Contract;

namespace EdgeGateway.WebConsole;

/// <summary>
/// The console's only way to the gateway: one control-socket connection per API request, closed after it. No
/// connection is held and nothing is polled in the background, so a console nobody looks at costs the service nothing.
/// </summary>
internal sealed class GatewayLink(string socketPath)
{
    /// <summary>The error code the page shows as "the gateway is not reachable" (not one of the gateway's own codes).</summary>
    public const string Unavailable = "unavailable";

    public string SocketPath { get; } = socketPath;

    /// <summary>Sends the commands in order over one connection; a failure to connect answers each with <see cref="Unavailable"/>.</summary>
    public Task<IReadOnlyList<ControlResponse>> AskAsync(params (string Command, JsonElement? Args)[] requests) =>
        Task.Run(() => Ask(requests));

    private IReadOnlyList<ControlResponse> Ask((string Command, JsonElement? Args)[] requests)
    {
        var responses = new List<ControlResponse>(requests.Length);
        try
        {
            using var client = ControlClient.Connect(SocketPath);
            foreach (var (command, args) in requests)
            {
                responses.Add(client.Send(command, args));
            }
        }
        catch (Exception exception) when (exception is ControlUnavailableException or SocketException or IOException or JsonException)
        {
            var message = exception is ControlUnavailableException ? exception.Message : $"the gateway did not answer: {exception.Message}";
            while (responses.Count < requests.Length)
            {
                responses.Add(ControlResponse.Failure(null, Unavailable, message));
            }
        }

        return responses;
    }
}
