using EdgeGateway.FieldBus.Planning;
using EdgeGateway.FieldBus.Profiles;

namespace EdgeGateway.FieldBus.Polling;

/// <summary>An analyzer on a bus: its name, slave id, profile, read plan and poll settings.</summary>
/// <param name="Name">The device's name in the site config, e.g. <c>outlet1-cems</c>.</param>
/// <param name="UnitId">Slave id, 1-247.</param>
/// <param name="Profile">Its register map.</param>
/// <param name="Plan">The requests that read it; see <see cref="ReadPlanner"/>.</param>
/// <param name="Settings">Interval, timeout, retries, degradation.</param>
public sealed record PolledDevice(string Name, byte UnitId, DeviceProfile Profile, ReadPlan Plan, DevicePollSettings Settings)
{
    /// <summary>A device whose plan is the profile's own.</summary>
    public static PolledDevice Create(string name, byte unitId, DeviceProfile profile, DevicePollSettings? settings = null) =>
        new(name, unitId, profile, ReadPlanner.Plan(profile), settings ?? new DevicePollSettings());
}
