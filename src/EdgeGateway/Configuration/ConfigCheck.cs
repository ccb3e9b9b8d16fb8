using System.Text.Json;

namespace EdgeGateway.Configuration;

/// <summary><c>edge-gateway --check-config</c>: validates the configuration and reports, without starting anything.</summary>
internal static class ConfigCheck
{
    public static int Run(string configFile, string version, bool json, TextWriter output, TextWriter error)
    {
        var settings = GatewayConfigLoader.Load(configFile, version, out var errors);
        var summary = settings is null ? null : ConfigSummary.Of(settings);
        if (json)
        {
            var report = new ConfigCheckReport(settings is not null, Path.GetFullPath(configFile), errors, summary);
            output.WriteLine(JsonSerializer.Serialize(report, ConfigCheckJsonContext.Default.ConfigCheckReport));
        }
        else if (summary is null)
        {
            PrintErrors(errors, error);
        }
        else
        {
            output.WriteLine($"{Path.GetFullPath(configFile)}: OK");
            output.WriteLine($"  gateway {summary.GatewayId}: {summary.Buses} bus(es), {summary.Devices} device(s), {summary.Channels} channels, {summary.Outlets} outlet(s)");
            output.WriteLine($"  uplink {summary.Broker}, topics {summary.TopicRoot}/#, payload {summary.Payload}");
            output.WriteLine($"  storage {summary.StateDirectory} (synchronous {summary.Synchronous}, cap {summary.MaxStorageBytes / (1 << 20)} MiB)");
            foreach (var platform in summary.Platforms)
            {
                // The PW and the key are masked in the summary itself: nothing here can print them.
                output.WriteLine($"  platform {platform.Name} {platform.Address}, HJ 212-{platform.Edition}, MN {platform.Mn}, PW {platform.Pw}, encryption {platform.Encryption}{(platform.Enabled ? string.Empty : ", disabled")}");
            }
        }

        return settings is null ? 1 : 0;
    }

    public static void PrintErrors(IReadOnlyList<ConfigError> errors, TextWriter error)
    {
        error.WriteLine($"edge-gateway: the configuration has {errors.Count} problem{(errors.Count == 1 ? string.Empty : "s")}:");
        foreach (var problem in errors)
        {
            error.WriteLine($"  {problem}");
        }
    }
}
