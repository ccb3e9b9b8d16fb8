namespace EdgeGateway.FieldBus.Profiles;

/// <summary>The analyzer's measuring range in engineering units; a reading above <see cref="Max"/> gets the HJ 212 T flag.</summary>
public sealed record MeasuringRange(double Min, double Max);
