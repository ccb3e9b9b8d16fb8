using System.CommandLine;
using EdgeGateway.Cli.Parsing;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Cli.Commands.Modbus;

/// <summary>
/// The options every command that talks on a bus shares: where it is, its line settings, timeout and retries, and
/// whether to go through the running service (the default when it serves the port) or open the port directly.
/// </summary>
internal sealed class BusOptions
{
    public Option<string> Port { get; } = new("--port", "-p")
    {
        Description = "The bus: a serial device (/dev/ttyUSB0, /dev/serial/by-id/...), tcp://host:502 (Modbus TCP) or rtu+tcp://host:4001 (RTU over a serial server)",
        Required = true,
    };

    public Option<int> Baud { get; } = new("--baud", "-b")
    {
        Description = "Baud rate of a serial port",
        DefaultValueFactory = _ => 9600,
    };

    public Option<string> Parity { get; } = new("--parity")
    {
        Description = "Parity of a serial port",
        DefaultValueFactory = _ => "none",
    };

    public Option<int> DataBits { get; } = new("--data-bits")
    {
        Description = "Data bits of a serial port (7 or 8)",
        DefaultValueFactory = _ => 8,
    };

    public Option<int> StopBits { get; } = new("--stop-bits")
    {
        Description = "Stop bits of a serial port (1 or 2)",
        DefaultValueFactory = _ => 1,
    };

    public Option<string> Timeout { get; } = new("--timeout", "-t")
    {
        Description = "How long to wait for an answer: 300ms, 1s, 2.5s",
        DefaultValueFactory = _ => "1s",
    };

    public Option<int> Retries { get; } = new("--retries")
    {
        Description = "How often to repeat a request that got no valid answer",
        DefaultValueFactory = _ => 1,
    };

    public Option<string> Driver { get; } = new("--serial-driver")
    {
        Description = "Serial implementation: posix (termios, the default) or system (System.IO.Ports)",
        DefaultValueFactory = _ => "posix",
    };

    public Option<bool> Direct { get; } = new("--direct")
    {
        Description = "Open the port even if the running gateway serves it (by default requests then go through its bus queue, between its polls, with the bus's configured line settings); the two then share the line",
    };

    public Option<string?> Socket { get; } = ControlCall.SocketOption();

    public BusOptions()
    {
        Parity.AcceptOnlyFromAmong("none", "even", "odd");
        DataBits.AcceptOnlyFromAmong("7", "8");
        StopBits.AcceptOnlyFromAmong("1", "2");
        Driver.AcceptOnlyFromAmong("posix", "system");
        Port.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0)
            {
                return;
            }

            var text = result.Tokens[0].Value;
            if (!ModbusEndpoint.TryParse(text, out _, out var error))
            {
                result.AddError(error);
            }
        });
        Baud.Validators.Add(result =>
        {
            var baud = result.GetValueOrDefault<int>();
            if (!SupportedSerialSettings.BaudRates.Contains(baud))
            {
                result.AddError($"baud rate {baud} is not supported; use one of {string.Join(' ', SupportedSerialSettings.BaudRates.ToArray())}");
            }
        });
        Timeout.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0)
            {
                return;
            }

            var text = result.Tokens[0].Value;
            if (!DurationParser.TryParse(text, out var duration) || duration <= TimeSpan.Zero)
            {
                result.AddError($"'{text}' is not a duration; write it as 300ms, 1s or 2.5s");
            }
        });
        Retries.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 10)
            {
                result.AddError("--retries must be 0 to 10");
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Port);
        command.Options.Add(Baud);
        command.Options.Add(Parity);
        command.Options.Add(DataBits);
        command.Options.Add(StopBits);
        command.Options.Add(Timeout);
        command.Options.Add(Retries);
        command.Options.Add(Driver);
        command.Options.Add(Direct);
        command.Options.Add(Socket);
    }

    public ModbusEndpoint Endpoint(ParseResult parse) => ModbusEndpoint.Parse(parse.GetValue(Port)!);

    public SerialSettings Serial(ParseResult parse) => new(
        ModbusEndpoint.Parse(parse.GetValue(Port)!).Address,
        parse.GetValue(Baud),
        parse.GetValue(Parity) switch { "even" => SerialParity.Even, "odd" => SerialParity.Odd, _ => SerialParity.None },
        parse.GetValue(DataBits),
        parse.GetValue(StopBits));

    public ModbusCallOptions Call(ParseResult parse) => new(TimeoutOf(parse), parse.GetValue(Retries));

    /// <summary>
    /// Reaches the bus: through the running gateway when it serves the port (unless <c>--direct</c>), saying so once
    /// on stderr; otherwise by opening the port (<see cref="OpenMaster"/>).
    /// </summary>
    public BusConnection Connect(ParseResult parse, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (!parse.GetValue(Direct))
        {
            var socketPath = ControlClient.ResolvePath(parse.GetValue(Socket));
            if (ServiceBusExchange.TryConnect(socketPath, Endpoint(parse), Call(parse), console) is { } service)
            {
                console.Error.WriteLine($"egw: through the running gateway's bus queue (bus {service.Bus}); --direct opens the port itself");
                return new BusConnection(service, service, BusConnection.ViaService);
            }
        }

        var master = OpenMaster(parse);
        return new BusConnection(master, master, BusConnection.ViaDirect);
    }

    /// <summary>Builds a master and opens its port now, so that a missing port is reported before any request.</summary>
    public ModbusMaster OpenMaster(ParseResult parse)
    {
        var endpoint = Endpoint(parse);
        var options = new ModbusMasterOptions { Timeout = TimeoutOf(parse), Retries = parse.GetValue(Retries) };
        var driver = parse.GetValue(Driver) == "system" ? SerialDriver.SystemIOPorts : SerialDriver.Posix;
        var master = ModbusConnectionFactory.CreateMaster(endpoint, options, Serial(parse), driver);
        try
        {
            master.Transport.Open();
        }
        catch
        {
            master.Dispose();
            throw;
        }

        return master;
    }

    public TimeSpan TimeoutOf(ParseResult parse) =>
        DurationParser.TryParse(parse.GetValue(Timeout), out var duration) ? duration : TimeSpan.FromSeconds(1);
}
