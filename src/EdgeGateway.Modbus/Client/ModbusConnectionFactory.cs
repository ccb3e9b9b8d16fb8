using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Modbus.Client;

/// <summary>Builds the transport, framing and master for an endpoint; the one place that knows which goes with which.</summary>
public static class ModbusConnectionFactory
{
    /// <summary>The quiet time that separates frames when RTU travels over TCP (the serial server's own timing is unknown).</summary>
    public static readonly TimeSpan RtuOverTcpFrameSilence = TimeSpan.FromMilliseconds(5);

    /// <param name="endpoint">Where the bus is.</param>
    /// <param name="serial">Line settings of a serial endpoint.</param>
    /// <param name="driver">Serial transport implementation.</param>
    /// <param name="connectTimeout">TCP connect timeout.</param>
    /// <param name="kernelRs485">The kernel's RS-485 mode for a serial port (posix driver only).</param>
    /// <exception cref="ModbusTransportException">A setting is not supported, or the kernel RS-485 mode was asked of a TCP endpoint or of System.IO.Ports.</exception>
    public static IModbusTransport CreateTransport(ModbusEndpoint endpoint, SerialSettings? serial = null, SerialDriver driver = SerialDriver.Posix, TimeSpan? connectTimeout = null, KernelRs485Settings? kernelRs485 = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Kind != ModbusEndpointKind.Serial)
        {
            return kernelRs485 is null
                ? new TcpTransport(endpoint.Address, endpoint.Port, connectTimeout)
                : throw new ModbusTransportException($"{endpoint}: the kernel RS-485 mode applies to serial ports only");
        }

        var settings = (serial ?? new SerialSettings(endpoint.Address)) with { PortName = endpoint.Address };
        if (driver == SerialDriver.SystemIOPorts)
        {
            // System.IO.Ports hides its descriptor; the mode could be set through a second one, but nobody needs both.
            return kernelRs485 is null
                ? new SerialPortTransport(settings)
                : throw new ModbusTransportException($"{settings.PortName}: the kernel RS-485 mode needs the posix serial driver");
        }

        return new PosixSerialTransport(settings, kernelRs485);
    }

    public static IModbusFramer CreateFramer(ModbusEndpoint endpoint) =>
        endpoint.UsesRtuFraming ? new ModbusRtuFramer() : new ModbusTcpFramer();

    /// <summary>t3.5 on a serial line, a few milliseconds for RTU over TCP, nothing for Modbus TCP.</summary>
    public static TimeSpan FrameSilenceFor(ModbusEndpoint endpoint, SerialSettings? serial) => endpoint.Kind switch
    {
        ModbusEndpointKind.Serial => RtuTiming.For(serial ?? new SerialSettings(endpoint.Address)).T35,
        ModbusEndpointKind.RtuOverTcp => RtuOverTcpFrameSilence,
        _ => TimeSpan.Zero,
    };

    /// <summary>
    /// A master for the endpoint; the options' frame silence is filled in when left at zero, and RTU over TCP gets
    /// <see cref="ModbusMasterOptions.StreamFraming"/>.
    /// </summary>
    public static ModbusMaster CreateMaster(ModbusEndpoint endpoint, ModbusMasterOptions options, SerialSettings? serial = null, SerialDriver driver = SerialDriver.Posix)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CreateMaster(endpoint, CreateTransport(endpoint, serial, driver), options, serial);
    }

    /// <summary>A master over a transport built by the caller (e.g. wrapped in an RS-485 direction switch).</summary>
    public static ModbusMaster CreateMaster(ModbusEndpoint endpoint, IModbusTransport transport, ModbusMasterOptions options, SerialSettings? serial = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.FrameSilence == TimeSpan.Zero)
        {
            options = options with { FrameSilence = FrameSilenceFor(endpoint, serial) };
        }

        if (endpoint.Kind == ModbusEndpointKind.RtuOverTcp)
        {
            // TCP carries no line timing: the silence is only worth waiting for while a late answer may come.
            options = options with { StreamFraming = true };
        }

        return new ModbusMaster(transport, CreateFramer(endpoint), options);
    }
}
