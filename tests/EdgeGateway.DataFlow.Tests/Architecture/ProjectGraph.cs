using System.Xml.Linq;

namespace EdgeGateway.DataFlow.Tests.Architecture;

/// <summary>
/// The projects under src/ and their references, read from the .csproj files themselves (not from a build), so the
/// graph the rules judge is exactly the one a reviewer sees.
/// </summary>
internal sealed class ProjectGraph
{
    private readonly Dictionary<string, ProjectNode> _nodes;

    public ProjectGraph(IEnumerable<ProjectNode> nodes)
    {
        _nodes = nodes.ToDictionary(node => node.Name, StringComparer.Ordinal);
    }

    public IEnumerable<ProjectNode> Nodes => _nodes.Values.OrderBy(node => node.Name, StringComparer.Ordinal);

    public static ProjectGraph Load(string sourceDirectory)
    {
        var nodes = new List<ProjectNode>();
        foreach (var file in Directory.GetFiles(sourceDirectory, "*.csproj", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var document = XDocument.Load(file);
            // ReferenceOutputAssembly="false" orders the build only (the service builds the web console for its demo):
            // no type of the other project can be used, so it is no link (ProjectGraphRules).
            var projects = document.Descendants("ProjectReference")
                .Where(item => !string.Equals((string?)item.Attribute("ReferenceOutputAssembly"), "false", StringComparison.OrdinalIgnoreCase))
                .Select(item => Path.GetFileNameWithoutExtension(((string?)item.Attribute("Include") ?? "").Replace('\\', '/')))
                .ToList();
            var packages = document.Descendants("PackageReference")
                .Select(item => (string?)item.Attribute("Include") ?? "")
                .ToList();
            nodes.Add(new ProjectNode(Path.GetFileNameWithoutExtension(file), projects, packages));
        }

        return new ProjectGraph(nodes);
    }

    /// <summary>Every project <paramref name="name"/> links, directly or through others (itself excluded).</summary>
    public IReadOnlySet<string> ProjectsReachedFrom(string name)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([name]);
        while (pending.TryPop(out var current))
        {
            if (!_nodes.TryGetValue(current, out var node))
            {
                continue;
            }

            foreach (var reference in node.Projects)
            {
                if (reached.Add(reference))
                {
                    pending.Push(reference);
                }
            }
        }

        reached.Remove(name);
        return reached;
    }

    /// <summary>Every package <paramref name="name"/> links: its own and those of every project it reaches.</summary>
    public IReadOnlySet<string> PackagesReachedFrom(string name)
    {
        var packages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var project in ProjectsReachedFrom(name).Append(name))
        {
            if (_nodes.TryGetValue(project, out var node))
            {
                packages.UnionWith(node.Packages);
            }
        }

        return packages;
    }
}
