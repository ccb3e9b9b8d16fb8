using System.Globalization;
using EdgeGateway.FieldBus.Planning;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Benchmarks.Bench;

/// <summary>
/// Requests, wire bytes and computed bus time per poll cycle of each shipped profile, for our planner and for the
/// peers' ways (contiguous-only merging as Neuron, one request per channel as ThingsBoard GW did). Deterministic:
/// the figures follow from the profiles and the RTU timing rules, not from this machine's speed.
/// </summary>
internal static class PlanBench
{
    public static int Run(TextWriter output)
    {
        var profiles = DeviceProfileLoader.LoadDirectory(RepositoryPaths.Profiles);
        SerialSettings[] lines = [new("bus", 9600), new("bus", 9600, SerialParity.Even), new("bus", 19200)];
        output.WriteLine("| profile | strategy | requests | registers+bits read | RTU wire bytes | TCP wire bytes | bus time at 9600 8N1 | at 9600 8E1 | at 19200 8N1 |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var profile in profiles.OrderBy(profile => profile.Model, StringComparer.Ordinal))
        {
            foreach (var strategy in Enum.GetValues<PlanningStrategy>())
            {
                var plan = ReadPlanner.Plan(RegisterSpan.AllOf(profile), ReadPlanLimits.From(profile.Defaults), strategy);
                var times = lines.Select(line => BusTimeEstimator.For(line).Estimate(plan)).ToArray();
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {profile.Model} | {Name(strategy)} | {plan.Requests.Count} | {plan.RegisterCount + plan.BitCount} | {times[0].WireBytes} | {ModbusFrameSizes.TcpWireBytes(plan)} | {times[0].BusTime.TotalMilliseconds:0.0} ms | {times[1].BusTime.TotalMilliseconds:0.0} ms | {times[2].BusTime.TotalMilliseconds:0.0} ms |"));
            }
        }

        return 0;
    }

    private static string Name(PlanningStrategy strategy) => strategy switch
    {
        PlanningStrategy.GapMerging => "ours (gap merging)",
        PlanningStrategy.ContiguousOnly => "contiguous only (Neuron)",
        _ => "one per channel (TB-GW before 3.7.9)",
    };
}
