using System.Text.Json;

namespace EdgeGateway.DataFlow.Tests.Uplink;

/// <summary>One publish the fake saw, and whether it answered with an acknowledgement.</summary>
internal sealed record PublishedMessage(string TopicSuffix, byte[] Payload, bool Acknowledged)
{
    public long FirstSequence => Read("firstSequence");

    public long LastSequence => Read("lastSequence");

    private long Read(string property)
    {
        using var document = JsonDocument.Parse(Payload);
        return document.RootElement.GetProperty(property).GetInt64();
    }
}
