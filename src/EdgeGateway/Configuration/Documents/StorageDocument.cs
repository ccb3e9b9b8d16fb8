namespace EdgeGateway.Configuration.Documents;

/// <summary>The <c>storage</c> section: the durable outbox.</summary>
internal sealed class StorageDocument
{
    public string? Directory { get; set; }

    /// <summary><c>normal</c> (survives kill -9) or <c>full</c> (also survives a power cut).</summary>
    public string? Synchronous { get; set; }

    /// <summary>Size cap, e.g. <c>1GiB</c>.</summary>
    public string? MaxSize { get; set; }

    public RetentionDocument? Retention { get; set; }
}
