using EdgeGateway.FieldBus.Profiles;

namespace EdgeGateway.Interop.Tests.Simulator;

/// <summary>
/// The profiles in hardware/profiles, found by walking up from the test binary to EdgeGateway.sln, so the tests
/// read the files as a developer just edited them.
/// </summary>
internal static class ShippedProfiles
{
    public const string FlueGas = "cems-flue-gas.json";
    public const string ParticulateFlow = "particulate-flow.json";
    public const string Wastewater = "wastewater-cod-nh3n.json";

    public static string Directory { get; } = Path.Combine(FindRoot(), "hardware", "profiles");

    /// <summary>Every shipped profile's file name, for theories.</summary>
    public static TheoryData<string> All => new(FlueGas, ParticulateFlow, Wastewater);

    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    public static DeviceProfile Load(string fileName) => DeviceProfileLoader.LoadFile(PathOf(fileName));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EdgeGateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"EdgeGateway.sln not found above {AppContext.BaseDirectory}");
    }
}
