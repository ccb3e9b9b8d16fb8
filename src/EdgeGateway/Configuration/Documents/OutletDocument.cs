namespace EdgeGateway.Configuration.Documents;

/// <summary>One outlet whose channels are aggregated together (minute, hour, day).</summary>
internal sealed class OutletDocument
{
    public string? Name { get; set; }

    /// <summary><c>flueGas</c> or <c>wastewater</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>Devices whose channels belong to the outlet.</summary>
    public List<string>? Devices { get; set; }

    /// <summary>Flue gas: the O2 channel key (<c>device.channel</c>) for the converted (Zs) values.</summary>
    public string? OxygenChannel { get; set; }

    public double? ReferenceOxygenPercent { get; set; }

    /// <summary>The flow channel key, for cumulative amounts (Cou).</summary>
    public string? FlowChannel { get; set; }

    /// <summary>Length of the minute record window in minutes (1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30).</summary>
    public int? MinuteInterval { get; set; }

    /// <summary>HJ 212 system code (ST) of the outlet, e.g. 31 flue gas, 32 wastewater.</summary>
    public string? SystemCode { get; set; }
}
