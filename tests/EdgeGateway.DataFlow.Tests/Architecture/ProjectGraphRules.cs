namespace EdgeGateway.DataFlow.Tests.Architecture;

/// <summary>
/// The seams of docs/architecture.md as rules on the project graph: which projects each project may link (directly
/// or through others), and which projects may link SQLite and MQTTnet. Data flow downstream knows upstream, never
/// the reverse: field bus → pipeline → storage → uplink; control beside storage and uplink; egw and the simulator
/// see neither a database nor a broker. The simulator links the HJ 212 codec (no sockets, no storage) because its
/// platform simulator plays the host side of the protocol the uplink speaks. The web console (edge-gateway-console) is
/// a separate process that reaches the service through the control socket only, so it may link the control contract
/// and the primitives and nothing of the service. The service's csproj names it with ReferenceOutputAssembly="false"
/// so that <c>dotnet run --project src/EdgeGateway -- --demo</c> builds the console the demo starts: an order of the
/// build, not a code dependency (no type of the console is visible to the service), so ProjectGraph leaves it out.
/// </summary>
internal static class ProjectGraphRules
{
    private const string Modbus = "EdgeGateway.Modbus";
    private const string Hj212 = "EdgeGateway.Hj212";
    private const string Primitives = "EdgeGateway.Primitives";
    private const string FieldBus = "EdgeGateway.FieldBus";
    private const string Pipeline = "EdgeGateway.Pipeline";
    private const string Storage = "EdgeGateway.Storage";
    private const string Uplink = "EdgeGateway.Uplink";
    private const string ControlContract = "EdgeGateway.Control.Contract";
    private const string Control = "EdgeGateway.Control";
    private const string Simulator = "EdgeGateway.Simulator";
    private const string Cli = "EdgeGateway.Cli";
    private const string WebConsole = "EdgeGateway.WebConsole";
    private const string Service = "EdgeGateway";

    /// <summary>Each project under src/ and every project it may reach. A project missing here is a violation.</summary>
    public static IReadOnlyDictionary<string, string[]> MayReach { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Modbus] = [],
        [Hj212] = [],
        [Primitives] = [],
        [ControlContract] = [Primitives],
        [FieldBus] = [Modbus, Primitives],
        [Pipeline] = [FieldBus, Modbus, Primitives],
        [Storage] = [Pipeline, FieldBus, Modbus, Primitives],
        [Uplink] = [Storage, Pipeline, FieldBus, Modbus, Primitives, Hj212],
        [Control] = [ControlContract, Pipeline, FieldBus, Modbus, Primitives],
        [Simulator] = [FieldBus, Modbus, Primitives, Hj212],
        [WebConsole] = [ControlContract, Primitives],
        [Cli] = [ControlContract, Pipeline, FieldBus, Modbus, Primitives, Simulator, Hj212],
        [Service] = [Uplink, Storage, Pipeline, FieldBus, Modbus, Primitives, Hj212, Control, ControlContract, Simulator],
    };

    /// <summary>Packages only some projects may link (directly or through a project they reach).</summary>
    public static IReadOnlyDictionary<string, string[]> PackageLinkedOnlyBy { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Microsoft.Data.Sqlite"] = [Storage, Uplink, Service],
        ["MQTTnet"] = [Uplink, Service],
        ["MQTTnet.Server"] = [Service],
        ["Microsoft.Extensions.Hosting"] = [Service],
        ["System.Device.Gpio"] = [Service],
        ["Iot.Device.Bindings"] = [Service],
    };

    /// <summary>Every way <paramref name="graph"/> breaks the rules, one sentence each; none when it keeps them.</summary>
    public static IReadOnlyList<string> Violations(ProjectGraph graph)
    {
        var violations = new List<string>();
        foreach (var node in graph.Nodes)
        {
            if (!MayReach.TryGetValue(node.Name, out var allowed))
            {
                violations.Add($"{node.Name} has no rule: add it to ProjectGraphRules.MayReach and to docs/architecture.md's project table");
                continue;
            }

            foreach (var reached in graph.ProjectsReachedFrom(node.Name).Order(StringComparer.Ordinal))
            {
                if (!allowed.Contains(reached, StringComparer.Ordinal))
                {
                    violations.Add($"{node.Name} links {reached}, which it must not know");
                }
            }

            foreach (var package in graph.PackagesReachedFrom(node.Name).Order(StringComparer.Ordinal))
            {
                if (PackageLinkedOnlyBy.TryGetValue(package, out var linkers) && !linkers.Contains(node.Name, StringComparer.Ordinal))
                {
                    violations.Add($"{node.Name} links the package {package}, which only {string.Join(", ", linkers)} may link");
                }
            }
        }

        return violations;
    }
}
