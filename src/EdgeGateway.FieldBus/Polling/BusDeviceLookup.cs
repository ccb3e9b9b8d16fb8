namespace EdgeGateway.FieldBus.Polling;

/// <summary>Which bus polls a device, by the device's name in gateway.json: where its commands must be queued.</summary>
public static class BusDeviceLookup
{
    /// <summary>The bus and the polled device named <paramref name="device"/>; (null, null) when no bus polls it.</summary>
    public static (BusPoller? Bus, PolledDevice? Device) Find(IReadOnlyList<BusPoller> buses, string device)
    {
        ArgumentNullException.ThrowIfNull(buses);
        foreach (var bus in buses)
        {
            if (bus.Devices.FirstOrDefault(candidate => candidate.Name == device) is { } polled)
            {
                return (bus, polled);
            }
        }

        return (null, null);
    }
}
