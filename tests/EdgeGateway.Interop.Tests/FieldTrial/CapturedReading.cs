namespace EdgeGateway.Interop.Tests.FieldTrial;

/// <summary>A reading as the platform received it (the checker's own view, parsed from the JSON).</summary>
internal sealed record CapturedReading(string StoreId, long Sequence, string Channel, DateTimeOffset Time, double? Value, string Flag, string Reason);
