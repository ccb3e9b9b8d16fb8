using EdgeGateway.Hj212.Codes;

namespace EdgeGateway.Uplink.Hj212;

/// <summary>Who the gateway speaks as on the HJ 212 topic and how it writes numbers and times.</summary>
public sealed record Hj212UplinkOptions
{
    /// <summary>MN: the device ID the platform registered.</summary>
    public required string Mn { get; init; }

    /// <summary>PW: the access password the platform assigned.</summary>
    public required string Pw { get; init; }

    /// <summary>ST for readings and for outlets without an entry in <see cref="SystemCodeByOutlet"/>: 31 flue gas, 32 wastewater.</summary>
    public string SystemCode { get; init; } = "32";

    /// <summary>ST per outlet name, for sites with flue-gas and wastewater outlets; aggregate records carry their outlet.</summary>
    public IReadOnlyDictionary<string, string> SystemCodeByOutlet { get; init; } = new Dictionary<string, string>();

    /// <summary>Edition written into Flag's version bits.</summary>
    public Hj212Edition Edition { get; init; } = Hj212Edition.Edition2017;

    /// <summary>Decimals for factors without an entry in <see cref="DecimalsByFactor"/>.</summary>
    public int DefaultDecimals { get; init; } = 3;

    /// <summary>Decimals per factor code, e.g. <c>w01018 → 1</c>.</summary>
    public IReadOnlyDictionary<string, int> DecimalsByFactor { get; init; } = new Dictionary<string, int>();

    /// <summary>Offset of site time, in which DataTime and QN are written; China Standard Time (UTC+8) has no DST.</summary>
    public TimeSpan SiteOffset { get; init; } = TimeSpan.FromHours(8);

    /// <summary>Sets Flag.A so the platform answers each packet with 9014.</summary>
    public bool AcknowledgementRequired { get; init; }

    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Mn);
        ArgumentException.ThrowIfNullOrEmpty(Pw);
        ArgumentException.ThrowIfNullOrEmpty(SystemCode);
        ArgumentNullException.ThrowIfNull(SystemCodeByOutlet);
        ArgumentNullException.ThrowIfNull(DecimalsByFactor);
        if (SiteOffset < TimeSpan.FromHours(-14) || SiteOffset > TimeSpan.FromHours(14))
        {
            throw new ArgumentOutOfRangeException(nameof(SiteOffset), SiteOffset, "must be within ±14 h");
        }
    }
}
