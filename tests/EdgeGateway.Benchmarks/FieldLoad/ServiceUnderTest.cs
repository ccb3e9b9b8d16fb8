namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>One service binary the bench measures, with the label its rows carry (e.g. before=/tmp/before/edge-gateway).</summary>
internal sealed record ServiceUnderTest(string Label, string Path)
{
    /// <summary>A framework-dependent build (edge-gateway.dll) runs under dotnet; the published AOT binary runs itself.</summary>
    public (string FileName, string[] Arguments) Command(string configFile) =>
        Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? ("dotnet", [Path, "--config", configFile])
            : (Path, ["--config", configFile]);
}
