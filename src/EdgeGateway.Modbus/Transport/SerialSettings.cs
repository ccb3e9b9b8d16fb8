namespace EdgeGateway.Modbus.Transport;

/// <summary>Line settings of a serial port.</summary>
/// <param name="PortName">Device path, e.g. <c>/dev/ttyUSB0</c> or <c>/dev/serial/by-id/...</c>.</param>
/// <param name="BaudRate">Bits per second.</param>
/// <param name="Parity">Parity bit.</param>
/// <param name="DataBits">7 or 8.</param>
/// <param name="StopBits">1 or 2.</param>
public sealed record SerialSettings(string PortName, int BaudRate = 9600, SerialParity Parity = SerialParity.None, int DataBits = 8, int StopBits = 1)
{
    /// <summary>Bits on the wire per character: start bit, data bits, parity bit if any, stop bits.</summary>
    public int BitsPerCharacter => 1 + DataBits + (Parity == SerialParity.None ? 0 : 1) + StopBits;

    /// <summary>The conventional short form, e.g. <c>9600 8N1</c>.</summary>
    public string LineDescription => $"{BaudRate} {DataBits}{Parity switch { SerialParity.Even => 'E', SerialParity.Odd => 'O', _ => 'N' }}{StopBits}";

    public override string ToString() => $"{PortName} {LineDescription}";
}
