using EdgeGateway.Storage;
using EdgeGateway.Uplink.Contract;

namespace EdgeGateway.Uplink;

/// <summary>
/// Payload mode "both": every encoder's messages for the same entries, one encoder's after the other's. The
/// publisher acknowledges a record only after the last message carrying it, so a record the JSON topic has taken
/// but HJ 212 has not is still owed and goes out again after a failure.
/// </summary>
public sealed class CompositeUplinkEncoder : IUplinkEncoder
{
    private readonly IUplinkEncoder[] _encoders;

    public CompositeUplinkEncoder(params IReadOnlyList<IUplinkEncoder> encoders)
    {
        ArgumentNullException.ThrowIfNull(encoders);
        if (encoders.Count == 0)
        {
            throw new ArgumentException("At least one encoder is needed.", nameof(encoders));
        }

        _encoders = [.. encoders];
        foreach (var encoder in _encoders)
        {
            ArgumentNullException.ThrowIfNull(encoder, nameof(encoders));
        }
    }

    public IReadOnlyList<UplinkMessage> Encode(IReadOnlyList<OutboxEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var messages = new List<UplinkMessage>();
        foreach (var encoder in _encoders)
        {
            messages.AddRange(encoder.Encode(entries));
        }

        return messages;
    }
}
