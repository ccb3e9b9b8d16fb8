namespace EdgeGateway.Configuration.Documents;

/// <summary>The <c>control</c> section: the local endpoint of the technician CLI.</summary>
internal sealed class ControlDocument
{
    public string? Socket { get; set; }
}
