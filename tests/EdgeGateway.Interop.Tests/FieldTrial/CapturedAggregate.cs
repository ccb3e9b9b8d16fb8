namespace EdgeGateway.Interop.Tests.FieldTrial;

/// <summary>An aggregate record as received; <see cref="Content"/> is the record without its sequence, to compare.</summary>
internal sealed record CapturedAggregate(string StoreId, long Sequence, string Outlet, string Channel, string Period, DateTimeOffset Start, bool Valid, string Flag, string Content);
