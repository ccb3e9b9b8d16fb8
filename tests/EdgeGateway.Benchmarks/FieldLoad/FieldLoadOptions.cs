using System.Globalization;

namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>The options of <c>field-load</c>, read from its command line.</summary>
internal sealed record FieldLoadOptions(
    IReadOnlyList<int> DeviceCounts,
    IReadOnlyList<ServiceUnderTest> Services,
    FieldTransport Transport,
    int DevicesPerBus,
    TimeSpan WarmUp,
    TimeSpan Window,
    int Runs,
    bool Json)
{
    /// <summary>The highest Modbus slave id: a bus (one simulator) holds at most this many devices.</summary>
    public const int HighestSlave = 247;

    /// <summary>Parses the options; null and <paramref name="error"/> when they are wrong.</summary>
    public static FieldLoadOptions? Parse(string[] args, out string error)
    {
        error = string.Empty;
        IReadOnlyList<int> deviceCounts = [3, 30, 100];
        var services = new List<ServiceUnderTest>();
        var transport = FieldTransport.Mixed;
        var devicesPerBus = 10;
        var warmUp = 30;
        var seconds = 60;
        var runs = 1;
        var json = false;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--json")
            {
                json = true;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value";
                return null;
            }

            var value = args[++i];
            switch (name)
            {
                case "--devices":
                    var counts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var parsed = new List<int>();
                    foreach (var count in counts)
                    {
                        if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var devices) || devices < 1)
                        {
                            error = $"--devices: '{count}' is not a positive number of devices";
                            return null;
                        }

                        parsed.Add(devices);
                    }

                    if (parsed.Count == 0)
                    {
                        error = "--devices needs at least one count, e.g. 3,30,100";
                        return null;
                    }

                    deviceCounts = parsed;
                    break;
                case "--service":
                    var equals = value.IndexOf('=', StringComparison.Ordinal);
                    if (equals < 1 || equals == value.Length - 1)
                    {
                        error = $"--service wants LABEL=PATH, not '{value}'";
                        return null;
                    }

                    var path = Path.GetFullPath(value[(equals + 1)..]);
                    if (!File.Exists(path))
                    {
                        error = $"--service {value[..equals]}: {path} does not exist";
                        return null;
                    }

                    if (services.Any(service => service.Label == value[..equals]))
                    {
                        error = $"--service: the label '{value[..equals]}' is given twice";
                        return null;
                    }

                    services.Add(new ServiceUnderTest(value[..equals], path));
                    break;
                case "--transport":
                    FieldTransport? chosen = value switch
                    {
                        "mixed" => FieldTransport.Mixed,
                        "tcp" => FieldTransport.Tcp,
                        "rtu+tcp" => FieldTransport.RtuOverTcp,
                        _ => null,
                    };
                    if (chosen is null)
                    {
                        error = $"--transport must be mixed, tcp or rtu+tcp, not '{value}'";
                        return null;
                    }

                    transport = chosen.Value;
                    break;
                case "--devices-per-bus":
                    if (!TryPositive(name, value, out devicesPerBus, out error))
                    {
                        return null;
                    }

                    devicesPerBus = Math.Min(devicesPerBus, HighestSlave);
                    break;
                case "--warm-up":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out warmUp))
                    {
                        error = $"--warm-up: '{value}' is not a number of seconds";
                        return null;
                    }

                    break;
                case "--seconds":
                    if (!TryPositive(name, value, out seconds, out error))
                    {
                        return null;
                    }

                    break;
                case "--runs":
                    if (!TryPositive(name, value, out runs, out error))
                    {
                        return null;
                    }

                    break;
                default:
                    error = $"unknown option '{name}'";
                    return null;
            }
        }

        return new FieldLoadOptions(deviceCounts, services, transport, devicesPerBus, TimeSpan.FromSeconds(warmUp), TimeSpan.FromSeconds(seconds), runs, json);
    }

    private static bool TryPositive(string name, string value, out int number, out string error)
    {
        error = string.Empty;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0)
        {
            return true;
        }

        error = $"{name}: '{value}' is not a positive whole number";
        return false;
    }
}
