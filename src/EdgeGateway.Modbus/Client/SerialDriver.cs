namespace EdgeGateway.Modbus.Client;

/// <summary>Which serial implementation opens a port.</summary>
public enum SerialDriver
{
    /// <summary>Our termios/ppoll transport: no CPU while waiting, sub-millisecond timeouts (Linux).</summary>
    Posix,

    /// <summary>System.IO.Ports: portable, but polls every millisecond and rounds timeouts up to 30 ms on Linux.</summary>
    SystemIOPorts,
}
