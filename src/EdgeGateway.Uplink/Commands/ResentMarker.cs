using System.Text.Json;

namespace EdgeGateway.Uplink.Commands;

/// <summary>
/// Adds <c>"resent":true</c> to a re-sent JSON message, so the platform can tell a history re-send from first
/// delivery. The field is optional in the schemas (additions of optional fields keep schema version 1); everything
/// else, the sequence numbers above all, stays as the encoder wrote it. HJ 212 frames have no place for a mark and
/// pass unchanged.
/// </summary>
internal static class ResentMarker
{
    public const string PropertyName = "resent";

    public static byte[] Mark(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length == 0 || payload[0] != (byte)'{')
        {
            return payload;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return payload;
            }

            using var buffer = new MemoryStream(payload.Length + 16);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (!property.NameEquals(PropertyName))
                    {
                        property.WriteTo(writer);
                    }
                }

                writer.WriteBoolean(PropertyName, true);
                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }
        catch (JsonException)
        {
            return payload;
        }
    }
}
