using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Modbus.Client;

/// <summary>Builds the transport, framing and master for an endpoint; the one place that knows which goes with which.</summary>
public static class ModbusConnectionFactory
{
    /// <summary>The quiet time that separates frames when RTU travels over TCP (the serial server's own timing is unknown).</summary>
    public static readonly TimeSpan RtuOverTcpFrameSilence = TimeSpan.FromMilliseconds(5);

    public static IModbusTransport CreateTransport(ModbusEndpoint endpoint, SerialSettings? serial = null, SerialDriver driver = SerialDriver.Posix, TimeSpan? connectTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Kind != ModbusEndpointKind.Serial)
        {
            return new TcpTransport(endpoint.Address, endpoint.Port, connectTimeout);
        }

        var settings = (serial ?? new SerialSettings(endpoint.Address)) with { PortName = endpoint.Address };
        return driver == SerialDriver.SystemIOPorts ? new SerialPortTransport(settings) : new PosixSerialTransport(settings);
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

    /// <summary>A master for the endpoint; the options' frame silence is filled in when left at zero.</summary>
    public static ModbusMaster CreateMaster(ModbusEndpoint endpoint, ModbusMasterOptions options, SerialSettings? serial = null, SerialDriver driver = SerialDriver.Posix)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.FrameSilence == TimeSpan.Zero)
        {
            options = options with { FrameSilence = FrameSilenceFor(endpoint, serial) };
        }

        return new ModbusMaster(CreateTransport(endpoint, serial, driver), CreateFramer(endpoint), options);
    }
}
