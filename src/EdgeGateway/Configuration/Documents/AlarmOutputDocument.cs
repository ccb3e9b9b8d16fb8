namespace EdgeGateway.Configuration.Documents;

/// <summary><c>hardware.alarmOutput</c>: a GPIO output on while an alarm is active, for a relay driving a beacon or an LED.</summary>
internal sealed class AlarmOutputDocument
{
    public bool? Enabled { get; set; }

    /// <summary>The output pin (BCM number).</summary>
    public int? Pin { get; set; }

    /// <summary>True when a low output switches the relay or LED on (most opto-isolated relay boards).</summary>
    public bool? ActiveLow { get; set; }

    /// <summary><c>exceedance</c> (the default) or <c>any</c> (an exceedance or a pre-warning).</summary>
    public string? On { get; set; }

    /// <summary>True: blink at 1 Hz while active instead of steady on.</summary>
    public bool? Blink { get; set; }
}
