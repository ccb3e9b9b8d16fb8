namespace EdgeGateway.FieldBus.Planning;

/// <summary>What a <see cref="RegisterSpan"/> is read for.</summary>
public enum SpanOwnerKind
{
    Channel,
    StatusWord,
}
