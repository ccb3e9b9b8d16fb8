namespace EdgeGateway.Primitives.Events;

/// <summary>The wire names of <see cref="GatewayEventKind"/>: what the outbox stores and the platform receives.</summary>
public static class GatewayEventKindNames
{
    public static string ToWireName(this GatewayEventKind kind) => kind switch
    {
        GatewayEventKind.Alarm => "alarm",
        GatewayEventKind.CommunicationLoss => "comm-loss",
        GatewayEventKind.CommunicationRestored => "comm-restored",
        GatewayEventKind.Door => "door",
        GatewayEventKind.Calibration => "calibration",
        GatewayEventKind.Maintenance => "maintenance",
        GatewayEventKind.BufferOverflow => "buffer-overflow",
        GatewayEventKind.DataEvicted => "data-evicted",
        GatewayEventKind.StorageFailure => "storage-failure",
        GatewayEventKind.StoreQuarantined => "store-quarantined",
        GatewayEventKind.Clock => "clock",
        GatewayEventKind.Command => "command",
        GatewayEventKind.PlatformLost => "platform-lost",
        GatewayEventKind.PlatformRestored => "platform-restored",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a gateway event kind"),
    };

    public static bool TryParseWireName(string name, out GatewayEventKind kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var candidate in Enum.GetValues<GatewayEventKind>())
        {
            if (string.Equals(candidate.ToWireName(), name, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
