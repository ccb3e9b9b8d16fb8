namespace EdgeGateway.Configuration.Documents;

/// <summary><c>hardware.leds</c>: status LEDs on GPIO outputs (BCM numbers); a pin left out has no LED.</summary>
internal sealed class LedsDocument
{
    public bool? Enabled { get; set; }

    /// <summary>Heartbeat: the service runs.</summary>
    public int? Run { get; set; }

    /// <summary>Connected, backlog draining, or down.</summary>
    public int? Uplink { get; set; }

    /// <summary>All analyzers answering, some degraded, or none.</summary>
    public int? Bus { get; set; }

    /// <summary>True when a low output lights the LED (sinking wiring).</summary>
    public bool? ActiveLow { get; set; }
}
