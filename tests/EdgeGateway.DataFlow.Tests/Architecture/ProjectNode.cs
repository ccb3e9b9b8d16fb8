namespace EdgeGateway.DataFlow.Tests.Architecture;

/// <summary>One project under src/: its name and what its .csproj references directly.</summary>
/// <param name="Name">The project's file name without .csproj, e.g. EdgeGateway.Storage.</param>
/// <param name="Projects">The projects it names in ProjectReference items.</param>
/// <param name="Packages">The packages it names in PackageReference items.</param>
internal sealed record ProjectNode(string Name, IReadOnlyList<string> Projects, IReadOnlyList<string> Packages);
