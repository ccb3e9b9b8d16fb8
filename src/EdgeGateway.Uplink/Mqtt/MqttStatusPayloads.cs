using System.Globalization;
using System.Text.Json;

namespace EdgeGateway.Uplink.Mqtt;

/// <summary>The retained status messages: the birth ("online") and the last will ("offline").</summary>
/// <remarks>Written with <see cref="Utf8JsonWriter"/>: no reflection, so Native AOT stays warning-free.</remarks>
internal static class MqttStatusPayloads
{
    public const string ContentType = "application/json";

    /// <summary><c>{"gatewayId":…,"status":"online","version":…,"startedAt":…,"connectedAt":…}</c></summary>
    public static byte[] Online(string gatewayId, string version, DateTimeOffset startedAt, DateTimeOffset connectedAt) =>
        Write(writer =>
        {
            writer.WriteString("gatewayId", gatewayId);
            writer.WriteString("status", "online");
            writer.WriteString("version", version);
            writer.WriteString("startedAt", Timestamp(startedAt));
            writer.WriteString("connectedAt", Timestamp(connectedAt));
        });

    /// <summary><c>{"gatewayId":…,"status":"offline"}</c></summary>
    public static byte[] Offline(string gatewayId) =>
        Write(writer =>
        {
            writer.WriteString("gatewayId", gatewayId);
            writer.WriteString("status", "offline");
        });

    // ISO 8601 in UTC with milliseconds: sortable and unambiguous whatever the cabinet's time zone.
    private static string Timestamp(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static byte[] Write(Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
