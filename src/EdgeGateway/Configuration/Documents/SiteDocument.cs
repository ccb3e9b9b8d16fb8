namespace EdgeGateway.Configuration.Documents;

/// <summary>The <c>site</c> section.</summary>
internal sealed class SiteDocument
{
    public string? Name { get; set; }

    /// <summary>Site time as an offset from UTC, e.g. <c>+08:00</c> (China Standard Time, the default).</summary>
    public string? UtcOffset { get; set; }
}
