namespace EdgeGateway.Modbus.Transport;

/// <summary>The line settings both serial transports accept, checked before any port is touched.</summary>
public static class SupportedSerialSettings
{
    /// <summary>The standard rates every Linux UART and USB adapter supports (termios B1200 … B230400).</summary>
    public static ReadOnlySpan<int> BaudRates => [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400];

    /// <summary>Throws with a message naming the port and the bad setting, so a typo in the config is obvious.</summary>
    /// <exception cref="ModbusTransportException">A setting is outside what the transports support.</exception>
    public static void Validate(SerialSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.PortName))
        {
            throw new ModbusTransportException("serial port name is empty");
        }

        if (!BaudRates.Contains(settings.BaudRate))
        {
            throw new ModbusTransportException(
                $"{settings.PortName}: baud rate {settings.BaudRate} is not supported (use one of {string.Join(", ", BaudRates.ToArray())})");
        }

        if (settings.DataBits is not (7 or 8))
        {
            throw new ModbusTransportException($"{settings.PortName}: {settings.DataBits} data bits are not supported (use 7 or 8)");
        }

        if (settings.StopBits is not (1 or 2))
        {
            throw new ModbusTransportException($"{settings.PortName}: {settings.StopBits} stop bits are not supported (use 1 or 2)");
        }

        if (!Enum.IsDefined(settings.Parity))
        {
            throw new ModbusTransportException($"{settings.PortName}: parity {(int)settings.Parity} is not supported (use none, even or odd)");
        }
    }
}
