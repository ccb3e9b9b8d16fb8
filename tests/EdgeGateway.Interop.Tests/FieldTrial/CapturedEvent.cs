namespace EdgeGateway.Interop.Tests.FieldTrial;

/// <summary>An event as received; <see cref="LostRanges"/> holds the sequence ranges a data-evicted event declares lost.</summary>
internal sealed record CapturedEvent(string StoreId, long Sequence, DateTimeOffset Time, string Kind, string Source, string Text, IReadOnlyList<(long First, long Last)> LostRanges);
