namespace EdgeGateway.Configuration.Documents;

/// <summary><c>hardware.door</c>: the cabinet door switch on a GPIO input.</summary>
internal sealed class DoorDocument
{
    public bool? Enabled { get; set; }

    /// <summary>The input pin (BCM number).</summary>
    public int? Pin { get; set; }

    /// <summary><c>high</c> or <c>low</c>: the level the input has while the door is open.</summary>
    public string? OpenWhen { get; set; }

    /// <summary><c>pullUp</c>, <c>pullDown</c> or <c>none</c> (an external resistor).</summary>
    public string? Bias { get; set; }

    /// <summary>How long the level must hold before a change counts, e.g. <c>50ms</c>.</summary>
    public string? Debounce { get; set; }
}
