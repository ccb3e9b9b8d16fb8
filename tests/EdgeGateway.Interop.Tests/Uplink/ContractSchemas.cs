using System.Text.Json;

namespace EdgeGateway.Interop.Tests.Uplink;

/// <summary>The schemas in docs/schemas, found by walking up from the test binaries to the repository root.</summary>
internal sealed class ContractSchemas : IDisposable
{
    private const string CommandPrefix = "cmd/";

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

    /// <summary>The schema for a topic below the gateway's root (a command's own is a part of the request schema).</summary>
    public JsonElement ForTopicSuffix(string topicSuffix) => _byName[topicSuffix switch
    {
        "readings" => "readings",
        "events" => "event",
        "status" => "status",
        _ when topicSuffix.StartsWith("aggregates/", StringComparison.Ordinal) => "aggregate",
        _ when topicSuffix.StartsWith(CommandPrefix, StringComparison.Ordinal) => "command-request",
        _ when topicSuffix.StartsWith("reply/", StringComparison.Ordinal) => "command-reply",
        _ => throw new ArgumentException($"No schema for topic '{topicSuffix}'.", nameof(topicSuffix)),
    }].RootElement;

    /// <summary>Validates a message on a topic below the gateway's root; a command against its own <c>$defs</c> entry.</summary>
    public IReadOnlyList<string> Validate(string topicSuffix, byte[] payload)
    {
        using var document = JsonDocument.Parse(payload);
        var schema = ForTopicSuffix(topicSuffix);
        return topicSuffix.StartsWith(CommandPrefix, StringComparison.Ordinal)
            ? JsonSchemaValidator.Validate(schema, JsonSchemaValidator.Definition(schema, topicSuffix[CommandPrefix.Length..]), document.RootElement)
            : JsonSchemaValidator.Validate(schema, document.RootElement);
    }

    /// <summary>Validates a command reply, wherever it arrived (an MQTT 5 response topic is the requester's choice).</summary>
    public IReadOnlyList<string> ValidateReply(byte[] payload) => Validate("reply/", payload);

    public void Dispose()
    {
        foreach (var document in _byName.Values)
        {
            document.Dispose();
        }
    }
}
