using System.CommandLine;
using System.Text.Json;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;

namespace EdgeGateway.Cli.Commands;

/// <summary>One request to the running service; its failures become <see cref="CommandException"/>s with the right exit code.</summary>
internal static class ControlCall
{
    /// <summary>The <c>--socket</c> option every command that talks to the service takes.</summary>
    public static Option<string?> SocketOption() =>
        new("--socket") { Description = $"The service's control socket (default: ${ControlProtocol.SocketVariable}, else {ControlProtocol.DefaultSocketPath})" };

    public static JsonElement Ask(string socketPath, string command, JsonElement? args = null)
    {
        ControlResponse response;
        try
        {
            using var client = ControlClient.Connect(socketPath);
            response = client.Send(command, args);
        }
        catch (ControlUnavailableException exception)
        {
            throw new CommandException(ExitCodes.Unavailable, exception.Message, "unavailable");
        }

        if (!response.Ok || response.Result is not { } result)
        {
            throw new CommandException(ExitCodes.Failed, ControlClient.Describe(response.Error), response.Error?.Code ?? "failed");
        }

        return result;
    }

    /// <summary>Builds an arguments object from name/value pairs, leaving out null values (no reflection: Native AOT).</summary>
    public static JsonElement Args(params (string Name, object? Value)[] values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in values)
            {
                switch (value)
                {
                    case null:
                        break;
                    case string text:
                        writer.WriteString(name, text);
                        break;
                    case double number:
                        writer.WriteNumber(name, number);
                        break;
                    default:
                        throw new ArgumentException($"unsupported argument type {value.GetType().Name}", nameof(values));
                }
            }

            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }
}
