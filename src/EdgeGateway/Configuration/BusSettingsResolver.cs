using EdgeGateway.Configuration.Documents;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Configuration;

/// <summary>
/// <c>profileDirectories</c> and the <c>buses</c> section: the profiles found, each bus's port, serial line, timing and
/// devices (with their channel settings checked against the profile), and its <c>rs485</c> section.
/// </summary>
internal sealed class BusSettingsResolver(ConfigErrorCollector errors, IReadOnlyList<string> defaultProfileDirectories, Rs485SettingsResolver directions, ChannelSettingsResolver channels)
{
    private const int MaxSlaveId = 247;
    private readonly ConfigErrorCollector _errors = errors;

    public Dictionary<string, DeviceProfile> LoadProfiles(List<string>? configured)
    {
        var profiles = new Dictionary<string, DeviceProfile>(StringComparer.Ordinal);
        foreach (var (directory, key) in _errors.SearchDirectories(configured, defaultProfileDirectories, "profileDirectories", "profile"))
        {
            if (!DeviceProfileLoader.TryLoadDirectory(directory, out var loaded, out var problems))
            {
                foreach (var problem in problems)
                {
                    _errors.Add(new ConfigError(ConfigKeyPath.ToDisplay(key), problem.ToString(), problem.File));
                }
            }

            foreach (var profile in loaded)
            {
                // The first directory wins: a site's own /etc/edge-gateway/profiles overrides the shipped ones.
                var fileName = profile.Source is null ? null : Path.GetFileNameWithoutExtension(profile.Source);
                if (fileName is not null)
                {
                    profiles.TryAdd(fileName, profile);
                }

                profiles.TryAdd(profile.Model, profile);
            }
        }

        return profiles;
    }

    public List<BusSettings> Resolve(List<BusDocument>? documents, Dictionary<string, DeviceProfile> profiles)
    {
        var buses = new List<BusSettings>();
        if (documents is null || documents.Count == 0)
        {
            _errors.Error("buses", "at least one bus is required: there is nothing to poll");
            return buses;
        }

        var busNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var deviceNames = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var b = 0; b < documents.Count; b++)
        {
            var bus = documents[b];
            var key = $"buses:{b}";
            var name = bus.Name ?? $"bus-{b + 1}";
            if (!ConfigPatterns.Name().IsMatch(name))
            {
                _errors.Error(key + ":name", $"'{name}' may hold only letters, digits, '-', '_' and '.'");
            }
            else if (!busNames.TryAdd(name, key))
            {
                _errors.Error(key + ":name", $"duplicate bus name '{name}' (also {ConfigKeyPath.ToDisplay(busNames[name])})");
            }

            var endpoint = ResolveEndpoint(bus.Port, key + ":port");
            var serial = endpoint is { Kind: ModbusEndpointKind.Serial } ? ResolveSerial(bus, endpoint.Address, key) : null;
            var driver = _errors.Choice(bus.Driver, key + ":driver", SerialDriver.Posix, ("posix", SerialDriver.Posix), ("system.io.ports", SerialDriver.SystemIOPorts));
            var timeout = _errors.Duration(bus.Timeout, key + ":timeout", TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10));
            var retries = _errors.Whole(bus.Retries, key + ":retries", 1, 0, 5);
            var gap = _errors.Duration(bus.Gap, key + ":gap", TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(1));
            var master = new ModbusMasterOptions { Timeout = timeout, Retries = retries, InterRequestGap = gap, DiscardEcho = bus.DiscardEcho ?? false };
            var degradeAfter = _errors.Whole(bus.DegradeAfterFailedCycles, key + ":degradeAfterFailedCycles", 3, 1, 100);
            var probeInterval = _errors.Duration(bus.ProbeInterval, key + ":probeInterval", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
            var reopenMaxDelay = _errors.Duration(bus.ReopenMaxDelay, key + ":reopenMaxDelay", BusPoller.DefaultReopenMaxDelay, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
            var rs485 = directions.Resolve(bus.Rs485, endpoint, driver, key + ":rs485");

            var devices = new List<PolledDevice>();
            var slaves = new Dictionary<int, string>();
            if (bus.Devices is null || bus.Devices.Count == 0)
            {
                _errors.Error(key + ":devices", "at least one device is required on a bus");
            }

            for (var d = 0; d < (bus.Devices?.Count ?? 0); d++)
            {
                var device = bus.Devices![d];
                var deviceKey = $"{key}:devices:{d}";
                var deviceName = _errors.Required(device.Name, deviceKey + ":name", "channel keys are {device}.{channel}");
                if (deviceName is not null && !ConfigPatterns.DeviceName().IsMatch(deviceName))
                {
                    _errors.Error(deviceKey + ":name", $"'{deviceName}' may hold only lower-case letters, digits, '-' and '_'");
                    deviceName = null;
                }
                else if (deviceName is not null && !deviceNames.TryAdd(deviceName, deviceKey))
                {
                    _errors.Error(deviceKey + ":name", $"duplicate device name '{deviceName}' (also {ConfigKeyPath.ToDisplay(deviceNames[deviceName])}): channel keys would clash");
                    deviceName = null;
                }

                var profileName = _errors.Required(device.Profile, deviceKey + ":profile", "the analyzer's register map");
                DeviceProfile? profile = null;
                if (profileName is not null && !profiles.TryGetValue(profileName, out profile))
                {
                    var known = profiles.Keys.Where(candidate => !candidate.Contains(' ', StringComparison.Ordinal)).Order(StringComparer.Ordinal);
                    _errors.Error(deviceKey + ":profile", $"unknown profile '{profileName}'; known: {string.Join(", ", known)}");
                }

                var slave = _errors.Whole(device.Slave, deviceKey + ":slave", null, 1, MaxSlaveId);
                if (device.Slave is null)
                {
                    _errors.Error(deviceKey + ":slave", "is required: the analyzer's Modbus address, 1 to 247");
                }
                else if (!slaves.TryAdd(slave, deviceKey))
                {
                    _errors.Error(deviceKey + ":slave", $"slave {slave} is already used on this bus by {ConfigKeyPath.ToDisplay(slaves[slave])}");
                }

                var settings = new DevicePollSettings
                {
                    PollInterval = _errors.Duration(device.PollInterval, deviceKey + ":pollInterval", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
                    Timeout = device.Timeout is null ? timeout : _errors.Duration(device.Timeout, deviceKey + ":timeout", timeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10)),
                    Retries = device.Retries is null ? retries : _errors.Whole(device.Retries, deviceKey + ":retries", retries, 0, 5),
                    DegradeAfterFailedCycles = device.DegradeAfterFailedCycles is null ? degradeAfter : _errors.Whole(device.DegradeAfterFailedCycles, deviceKey + ":degradeAfterFailedCycles", degradeAfter, 1, 100),
                    ProbeInterval = device.ProbeInterval is null ? probeInterval : _errors.Duration(device.ProbeInterval, deviceKey + ":probeInterval", probeInterval, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
                };

                if (profile is not null)
                {
                    channels.CheckChannelKeys(device.Channels, profile, deviceKey);
                    channels.CheckHj212Exclusions(device.Hj212?.Exclude, profile, deviceKey);
                }

                if (deviceName is not null && profile is not null && slave is >= 1 and <= MaxSlaveId)
                {
                    devices.Add(PolledDevice.Create(deviceName, (byte)slave, profile, settings));
                }
                else if (deviceName is not null)
                {
                    _errors.DeviceInError(deviceName);
                }
            }

            if (endpoint is not null)
            {
                buses.Add(new BusSettings(name, endpoint, serial, driver, master, devices, rs485) { ReopenMaxDelay = reopenMaxDelay });
            }
        }

        return buses;
    }

    private ModbusEndpoint? ResolveEndpoint(string? port, string key)
    {
        if (_errors.Required(port, key, "a serial device such as /dev/ttyUSB0, or tcp://host:502, or rtu+tcp://host:port") is null)
        {
            return null;
        }

        if (!ModbusEndpoint.TryParse(port, out var endpoint, out var problem))
        {
            _errors.Error(key, problem);
            return null;
        }

        if (endpoint.Kind == ModbusEndpointKind.Serial && !File.Exists(endpoint.Address))
        {
            _errors.Error(key, $"port not found: '{endpoint.Address}' does not exist (is the adapter plugged in? `ls -l /dev/serial/by-id/` lists the serial adapters)");
        }

        return endpoint;
    }

    private SerialSettings ResolveSerial(BusDocument bus, string portName, string key)
    {
        var baud = _errors.Whole(bus.Baud, key + ":baud", 9600, 1, int.MaxValue);
        var supported = SupportedSerialSettings.BaudRates.ToArray();
        if (bus.Baud is not null && !supported.Contains(baud))
        {
            _errors.Error(key + ":baud", $"{baud} is not a supported baud rate; use one of {string.Join(", ", supported)}");
        }

        var parity = _errors.Choice(bus.Parity, key + ":parity", SerialParity.None, ("none", SerialParity.None), ("even", SerialParity.Even), ("odd", SerialParity.Odd));
        var dataBits = _errors.Whole(bus.DataBits, key + ":dataBits", 8, 7, 8);
        var stopBits = _errors.Whole(bus.StopBits, key + ":stopBits", 1, 1, 2);
        return new SerialSettings(portName, baud, parity, dataBits, stopBits);
    }
}
