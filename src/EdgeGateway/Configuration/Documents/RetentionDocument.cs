namespace EdgeGateway.Configuration.Documents;

/// <summary>How long acknowledged records are kept for history requests.</summary>
internal sealed class RetentionDocument
{
    public string? RealTime { get; set; }

    public string? Minute { get; set; }

    public string? Hour { get; set; }

    public string? Day { get; set; }

    public string? Events { get; set; }
}
