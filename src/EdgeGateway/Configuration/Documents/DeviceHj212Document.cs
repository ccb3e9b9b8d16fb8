namespace EdgeGateway.Configuration.Documents;

/// <summary>A device's <c>hj212</c> settings: what of it goes into HJ 212 data.</summary>
internal sealed class DeviceHj212Document
{
    /// <summary>
    /// Channel ids (the profile's) whose values are kept out of HJ 212 packets (2011, 2051, 2061, 2031, 2021), e.g. a
    /// dust meter's own flow and temperature when the CEMS of the same outlet gives those codes. They are still polled,
    /// stored, aggregated and published as JSON.
    /// </summary>
    public List<string>? Exclude { get; set; }
}
