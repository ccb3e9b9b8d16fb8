namespace EdgeGateway.DataFlow.Tests.Architecture;

/// <summary>
/// The project graph keeps the seams docs/architecture.md draws: a reference that crosses one fails here, not in a
/// review. The synthetic graphs show the check can fail.
/// </summary>
public sealed class ProjectGraphTests
{
    [Fact]
    public void The_projects_under_src_keep_the_data_flows_seams()
    {
        var graph = ProjectGraph.Load(RepositoryLayout.Source);

        Assert.Contains(graph.Nodes, node => node.Name == "EdgeGateway.Storage");
        Assert.Empty(ProjectGraphRules.Violations(graph));
    }

    [Fact]
    public void Every_project_under_src_has_a_rule()
    {
        var graph = ProjectGraph.Load(RepositoryLayout.Source);

        Assert.Equal(
            ProjectGraphRules.MayReach.Keys.Order(StringComparer.Ordinal),
            graph.Nodes.Select(node => node.Name));
    }

    [Fact]
    public void A_field_bus_that_references_storage_is_a_violation_even_through_another_project()
    {
        var graph = RealGraphWith(new ProjectNode("EdgeGateway.FieldBus", ["EdgeGateway.Modbus", "EdgeGateway.Primitives", "EdgeGateway.Uplink"], []));

        var violations = ProjectGraphRules.Violations(graph);

        Assert.Contains("EdgeGateway.FieldBus links EdgeGateway.Uplink, which it must not know", violations);
        Assert.Contains("EdgeGateway.FieldBus links EdgeGateway.Storage, which it must not know", violations);
        Assert.Contains(violations, violation => violation.StartsWith("EdgeGateway.FieldBus links the package MQTTnet", StringComparison.Ordinal));
    }

    [Fact]
    public void An_egw_that_links_sqlite_or_mqttnet_is_a_violation()
    {
        var real = ProjectGraph.Load(RepositoryLayout.Source).Nodes.Single(node => node.Name == "EdgeGateway.Cli");
        var graph = RealGraphWith(real with { Packages = [.. real.Packages, "MQTTnet"], Projects = [.. real.Projects, "EdgeGateway.Storage"] });

        var violations = ProjectGraphRules.Violations(graph);

        Assert.Contains("EdgeGateway.Cli links EdgeGateway.Storage, which it must not know", violations);
        Assert.Contains("EdgeGateway.Cli links the package MQTTnet, which only EdgeGateway.Uplink, EdgeGateway may link", violations);
        Assert.Contains("EdgeGateway.Cli links the package Microsoft.Data.Sqlite, which only EdgeGateway.Storage, EdgeGateway.Uplink, EdgeGateway may link", violations);
    }

    [Fact]
    public void A_project_without_a_rule_is_a_violation()
    {
        var graph = RealGraphWith(new ProjectNode("EdgeGateway.Everything", ["EdgeGateway.Uplink"], []));

        Assert.Contains(
            "EdgeGateway.Everything has no rule: add it to ProjectGraphRules.MayReach and to docs/architecture.md's project table",
            ProjectGraphRules.Violations(graph));
    }

    private static ProjectGraph RealGraphWith(ProjectNode replacement) =>
        new(ProjectGraph.Load(RepositoryLayout.Source).Nodes.Where(node => node.Name != replacement.Name).Append(replacement));
}
