namespace EdgeGateway.Configuration.Documents;

/// <summary>The <c>logging</c> section.</summary>
internal sealed class LoggingDocument
{
    /// <summary><c>trace</c>, <c>debug</c>, <c>information</c>, <c>warning</c>, <c>error</c>.</summary>
    public string? Level { get; set; }
}
