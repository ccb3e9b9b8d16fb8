namespace EdgeGateway.Configuration.Documents;

/// <summary>The <c>uplink.commands</c> section: remote commands from the platform.</summary>
internal sealed class CommandsDocument
{
    public bool? Enabled { get; set; }

    /// <summary>
    /// Kept for gateway.json files of older versions, which shipped it as false: false is accepted, true refused (the
    /// platform cannot write to analyzers).
    /// </summary>
    public bool? AllowWrites { get; set; }

    /// <summary>Lets the platform set the system clock (HJ 212 1012); needs CAP_SYS_TIME and no NTP. Off unless set.</summary>
    public bool? AllowSetTime { get; set; }
}
