namespace EdgeGateway.Primitives.Events;

/// <summary>
/// What a <see cref="GatewayEvent"/> reports. Stored and sent by its wire name (<see cref="GatewayEventKindNames"/>),
/// not its number, so the enum may be reordered without rewriting stored events.
/// </summary>
public enum GatewayEventKind
{
    /// <summary>"alarm": a limit or status alarm raised at the gateway.</summary>
    Alarm,

    /// <summary>"comm-loss": a device or bus stopped answering.</summary>
    CommunicationLoss,

    /// <summary>"comm-restored": a device or bus answers again.</summary>
    CommunicationRestored,

    /// <summary>"door": the cabinet door opened or closed.</summary>
    Door,

    /// <summary>"calibration": a channel entered or left calibration.</summary>
    Calibration,

    /// <summary>"maintenance": a channel or device entered or left maintenance.</summary>
    Maintenance,

    /// <summary>"buffer-overflow": readings were lost before they reached the outbox (a full memory queue).</summary>
    BufferOverflow,

    /// <summary>"data-evicted": the outbox reached its size cap and deleted its oldest records.</summary>
    DataEvicted,

    /// <summary>"storage-failure": appends to the outbox failed (disk full, I/O error) for a while and have resumed.</summary>
    StorageFailure,

    /// <summary>"store-quarantined": the outbox database was unreadable at start, moved aside and replaced by a new one.</summary>
    StoreQuarantined,

    /// <summary>"clock": the gateway started without a trusted time source, or gained one (NTP, RTC, platform).</summary>
    Clock,

    /// <summary>"command": a platform command was received and ignored (retained, or its reply topic refused).</summary>
    Command,

    /// <summary>"platform-lost": an HJ 212 platform's connection failed or stopped answering; what it is owed is kept.</summary>
    PlatformLost,

    /// <summary>"platform-restored": an HJ 212 platform answers again; what it missed is re-sent.</summary>
    PlatformRestored,
}
