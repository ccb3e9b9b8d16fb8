namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>
/// The devices of a site of N analyzers and the buses they sit on. The demo's three profiles take turns (CEMS, dust
/// meter, wastewater analyzer), and every three devices form a group that is one flue-gas outlet (CEMS + dust meter,
/// the dust meter's duplicate codes kept out of HJ 212 as in the demo) and one wastewater outlet, so that every device
/// is aggregated as on a real site and every outlet has one channel per HJ 212 code.
/// </summary>
internal static class FieldSiteLayout
{
    public const string FlueGasProfile = "cems-flue-gas";
    public const string DustProfile = "particulate-flow";
    public const string WastewaterProfile = "wastewater-cod-nh3n";

    /// <summary>The dust meter's channels whose HJ 212 codes the CEMS of its outlet already gives.</summary>
    public static readonly IReadOnlyList<string> DustExcludedFromHj212 = ["velocity", "temperature", "pressure", "humidity", "flow"];

    private static readonly (string Prefix, string Profile)[] Rotation =
    [
        ("cems", FlueGasProfile),
        ("dust", DustProfile),
        ("water", WastewaterProfile),
    ];

    public static IReadOnlyList<SimulatedBus> Buses(int deviceCount, FieldTransport transport, int devicesPerBus)
    {
        var devices = Enumerable.Range(0, deviceCount)
            .Select(i => (Index: i, Group: (i / Rotation.Length) + 1, Rotation[i % Rotation.Length].Prefix, Rotation[i % Rotation.Length].Profile))
            .ToList();
        return transport switch
        {
            FieldTransport.Tcp => Split("tcp", "tcp", devices, devicesPerBus),
            FieldTransport.RtuOverTcp => Split("rtu", "rtu+tcp", devices, devicesPerBus),
            _ => [
                .. Split("flue-gas", "tcp", devices.Where(device => device.Profile != WastewaterProfile).ToList(), devicesPerBus),
                .. Split("wastewater", "rtu+tcp", devices.Where(device => device.Profile == WastewaterProfile).ToList(), devicesPerBus),
            ],
        };
    }

    private static List<SimulatedBus> Split(string name, string scheme, List<(int Index, int Group, string Prefix, string Profile)> devices, int devicesPerBus) =>
        devices.Chunk(devicesPerBus)
            .Select((chunk, bus) => new SimulatedBus(
                $"{name}-{bus + 1}",
                scheme,
                chunk.Select((device, slot) => new SimulatedDevice($"{device.Prefix}-{device.Group}", device.Profile, slot + 1, device.Group)).ToList()))
            .ToList();
}
