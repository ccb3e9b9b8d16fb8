using EdgeGateway.Hj212.Codes;

namespace EdgeGateway.Hj212.Packets;

/// <summary>Who the gateway speaks as: the header fields every upload it sends carries.</summary>
/// <param name="St">System code, e.g. <c>32</c> for a wastewater outlet, <c>31</c> for flue gas.</param>
/// <param name="Pw">Access password the platform assigned.</param>
/// <param name="Mn">Device unique ID the platform registered.</param>
/// <param name="Edition">Edition written into Flag's version bits (2017 unless the platform wants 2025).</param>
public sealed record Hj212Station(string St, string Pw, string Mn, Hj212Edition Edition = Hj212Edition.Edition2017)
{
    /// <summary>The same station with ST given as the enum.</summary>
    public Hj212Station(Hj212SystemCode st, string pw, string mn, Hj212Edition edition = Hj212Edition.Edition2017)
        : this(Hj212Codes.ToWire(st), pw, mn, edition)
    {
    }
}
