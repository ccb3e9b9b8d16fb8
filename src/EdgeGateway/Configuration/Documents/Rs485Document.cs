namespace EdgeGateway.Configuration.Documents;

/// <summary><c>buses[].rs485</c>: who switches the RS-485 transceiver between transmit and receive (hardware/README.md).</summary>
internal sealed class Rs485Document
{
    /// <summary><c>auto</c> (default: the adapter or HAT does it), <c>kernel</c> (the UART driver drives RTS) or <c>gpio</c>.</summary>
    public string? Direction { get; set; }

    /// <summary>gpio: the BCM GPIO wired to DE and /RE.</summary>
    public int? Pin { get; set; }

    /// <summary>gpio: true when a low output enables the driver (an inverting stage between the pin and DE).</summary>
    public bool? ActiveLow { get; set; }

    /// <summary>kernel, gpio: from enabling the driver to the first bit, e.g. <c>0ms</c>.</summary>
    public string? DelayBeforeSend { get; set; }

    /// <summary>kernel, gpio: from the last bit to releasing the bus.</summary>
    public string? DelayAfterSend { get; set; }

    /// <summary>kernel: RTS high while sending (true, default) or low (an inverter between RTS and DE).</summary>
    public bool? RtsOnSend { get; set; }
}
