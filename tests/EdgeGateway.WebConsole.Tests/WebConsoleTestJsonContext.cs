using System.Text.Json.Serialization;

namespace EdgeGateway.WebConsole.Tests;

/// <summary>Source-generated JSON for the tests (quoting a string into a JavaScript condition).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class WebConsoleTestJsonContext : JsonSerializerContext;
