using System.Text.Json;

namespace EdgeGateway.Interop.Tests.Uplink;

/// <summary>The schemas in docs/schemas, found by walking up from the test binaries to the repository root.</summary>
internal sealed class ContractSchemas : IDisposable
{
    private readonly Dictionary<string, JsonDocument> _byName = new(StringComparer.Ordinal);

    public ContractSchemas()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EdgeGateway.sln")))
        {
            directory = directory.Parent;
        }

        var schemas = Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("No EdgeGateway.sln above the test binaries."), "docs", "schemas");
        foreach (var file in Directory.EnumerateFiles(schemas, "*.schema.json"))
        {
            _byName[Path.GetFileName(file)[..^".schema.json".Length]] = JsonDocument.Parse(File.ReadAllText(file));
        }
    }

    /// <summary>The schema for a topic below the gateway's root.</summary>
    public JsonElement ForTopicSuffix(string topicSuffix) => _byName[topicSuffix switch
    {
        "readings" => "readings",
        "events" => "event",
        "status" => "status",
        _ when topicSuffix.StartsWith("aggregates/", StringComparison.Ordinal) => "aggregate",
        _ => throw new ArgumentException($"No schema for topic '{topicSuffix}'.", nameof(topicSuffix)),
    }].RootElement;

    public IReadOnlyList<string> Validate(string topicSuffix, byte[] payload)
    {
        using var document = JsonDocument.Parse(payload);
        return JsonSchemaValidator.Validate(ForTopicSuffix(topicSuffix), document.RootElement);
    }

    public void Dispose()
    {
        foreach (var document in _byName.Values)
        {
            document.Dispose();
        }
    }
}
