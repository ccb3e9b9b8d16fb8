namespace EdgeGateway.Configuration.Documents;

/// <summary>One entry of <c>buses</c>: a serial line or a Modbus TCP / RTU-over-TCP endpoint and its devices.</summary>
internal sealed class BusDocument
{
    public string? Name { get; set; }

    /// <summary>A serial device (<c>/dev/ttyUSB0</c>), <c>tcp://host[:port]</c> or <c>rtu+tcp://host:port</c>.</summary>
    public string? Port { get; set; }

    public int? Baud { get; set; }

    /// <summary><c>none</c>, <c>even</c> or <c>odd</c>.</summary>
    public string? Parity { get; set; }

    public int? DataBits { get; set; }

    public int? StopBits { get; set; }

    /// <summary><c>posix</c> (default) or <c>system.io.ports</c>.</summary>
    public string? Driver { get; set; }

    /// <summary>Default answer timeout of the bus's devices, e.g. <c>500ms</c>.</summary>
    public string? Timeout { get; set; }

    /// <summary>Default repeats of an unanswered request.</summary>
    public int? Retries { get; set; }

    /// <summary>Pause between two requests on the bus, for slow analyzers, e.g. <c>20ms</c>.</summary>
    public string? Gap { get; set; }

    /// <summary>Discards the echo of our own request (adapters that hear themselves).</summary>
    public bool? DiscardEcho { get; set; }

    /// <summary>Default polls in a row without an answer that make a device's outage (comm-loss).</summary>
    public int? DegradeAfterFailedCycles { get; set; }

    /// <summary>Default interval at which a device in an outage is asked, e.g. <c>10s</c>.</summary>
    public string? ProbeInterval { get; set; }

    /// <summary>Cap of the back-off between two attempts to reopen a lost port, e.g. <c>10s</c>.</summary>
    public string? ReopenMaxDelay { get; set; }

    /// <summary>RS-485 direction control of a serial bus; left out: the hardware switches by itself.</summary>
    public Rs485Document? Rs485 { get; set; }

    public List<DeviceDocument>? Devices { get; set; }
}
