using EdgeGateway.DataFlow.Tests.FieldBus.Polling;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Framing;
using EdgeGateway.Testing.Modbus.Transport;
using EdgeGateway.Uplink.Commands;

namespace EdgeGateway.DataFlow.Tests.Uplink.Commands;

/// <summary>The real-time interval as the poll interval of every device on every bus.</summary>
public sealed class BusPollerIntervalControlTests : IDisposable
{
    private const string ProfileJson = """
        {
          "model": "m", "manufacturer": "t", "description": "one channel", "kind": "flue-gas",
          "channels": [ { "id": "so2", "code": "a21026", "name": "SO2", "unit": "mg/m3", "table": "input", "address": 0, "type": "u16" } ]
        }
        """;

    private readonly List<ModbusMaster> _masters = [];

    [Fact]
    public void Setting_the_interval_sets_every_device_of_every_bus()
    {
        var busA = NewPoller("a", 2, TimeSpan.FromSeconds(5));
        var busB = NewPoller("b", 1, TimeSpan.FromSeconds(5));
        var control = new BusPollerIntervalControl([busA, busB], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        Assert.Equal(TimeSpan.FromSeconds(5), control.Current);
        Assert.True(control.TrySet(TimeSpan.FromSeconds(2), out var error), error);

        Assert.Equal(TimeSpan.FromSeconds(2), control.Current);
        Assert.All([busA.PollIntervalOf(0), busA.PollIntervalOf(1), busB.PollIntervalOf(0)], interval => Assert.Equal(TimeSpan.FromSeconds(2), interval));
    }

    [Fact]
    public void Intervals_outside_the_bounds_are_refused_and_change_nothing()
    {
        var bus = NewPoller("a", 1, TimeSpan.FromSeconds(5));
        var control = new BusPollerIntervalControl([bus], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

        Assert.False(control.TrySet(TimeSpan.FromSeconds(30), out var error));
        Assert.Equal("this gateway accepts 1 s to 5 s", error);
        Assert.Equal(TimeSpan.FromSeconds(5), bus.PollIntervalOf(0));
    }

    public void Dispose()
    {
        foreach (var master in _masters)
        {
            master.Dispose();
        }
    }

    private BusPoller NewPoller(string name, int devices, TimeSpan interval)
    {
        var (masterEnd, _) = InMemoryTransportPair.Create(name);
        var master = new ModbusMaster(masterEnd, new ModbusRtuFramer(), new ModbusMasterOptions());
        _masters.Add(master);
        var profile = DeviceProfileLoader.Parse(ProfileJson, "m.json");
        var polled = Enumerable.Range(1, devices)
            .Select(unit => PolledDevice.Create("dev" + unit, (byte)unit, profile, new DevicePollSettings { PollInterval = interval }))
            .ToArray();
        return new BusPoller(name, master, polled, new RecordingSink());
    }
}
