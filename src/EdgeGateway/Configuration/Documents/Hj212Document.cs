namespace EdgeGateway.Configuration.Documents;

/// <summary>The HJ 212-2017 header values, for payload modes <c>hj212</c> and <c>both</c>.</summary>
internal sealed class Hj212Document
{
    /// <summary>MN: the monitoring point's device id given by the authority.</summary>
    public string? Mn { get; set; }

    /// <summary>PW: the access password.</summary>
    public string? Pw { get; set; }

    /// <summary>ST for readings and for outlets without their own (default 32).</summary>
    public string? SystemCode { get; set; }

    /// <summary>Sets Flag A (the platform should answer 9014).</summary>
    public bool? AcknowledgementRequired { get; set; }
}
