namespace EdgeGateway.Configuration;

/// <summary>Who switches a bus's RS-485 transceiver between transmit and receive.</summary>
internal enum Rs485Direction
{
    /// <summary>The transceiver or adapter does it by itself (USB adapters, auto-direction HATs): nothing to do.</summary>
    Auto,

    /// <summary>The UART driver, in the kernel's RS-485 mode (TIOCSRS485), with RTS as DE/RE.</summary>
    Kernel,

    /// <summary>The gateway, on a GPIO output wired to DE/RE, around each frame.</summary>
    Gpio,
}
