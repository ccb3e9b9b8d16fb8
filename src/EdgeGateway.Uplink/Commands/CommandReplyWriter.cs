using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EdgeGateway.Uplink.Contract;

namespace EdgeGateway.Uplink.Commands;

/// <summary>
/// Writes the reply envelope every command shares, <c>{"gatewayId","schemaVersion","command","id"?,"ok","result"|"error"}</c>,
/// with <see cref="Utf8JsonWriter"/> and the result through its source-generated type info: no reflection.
/// </summary>
internal static class CommandReplyWriter
{
    public static byte[] Success<TResult>(string gatewayId, string command, JsonElement? id, TResult result, JsonTypeInfo<TResult> resultType) =>
        Write(gatewayId, command, id, ok: true, writer =>
        {
            writer.WritePropertyName("result");
            JsonSerializer.Serialize(writer, result, resultType);
        });

    public static byte[] Failure(string gatewayId, string command, JsonElement? id, CommandError error) =>
        Write(gatewayId, command, id, ok: false, writer =>
        {
            writer.WritePropertyName("error");
            JsonSerializer.Serialize(writer, error, PlatformCommandJsonContext.Default.CommandError);
        });

    private static byte[] Write(string gatewayId, string command, JsonElement? id, bool ok, Action<Utf8JsonWriter> writeOutcome)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("gatewayId", gatewayId);
            writer.WriteNumber("schemaVersion", UplinkContract.SchemaVersion);
            writer.WriteString("command", command);
            if (id is { } requestId)
            {
                writer.WritePropertyName("id");
                requestId.WriteTo(writer);
            }

            writer.WriteBoolean("ok", ok);
            writeOutcome(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
