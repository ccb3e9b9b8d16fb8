namespace EdgeGateway.Configuration.Documents;

/// <summary>The <c>uplink.commands</c> section: remote commands from the platform.</summary>
public sealed class CommandsDocument
{
    public bool? Enabled { get; set; }

    /// <summary>Lets the platform write to analyzers; off unless set.</summary>
    public bool? AllowWrites { get; set; }
}
