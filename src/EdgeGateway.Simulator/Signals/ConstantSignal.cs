namespace EdgeGateway.Simulator.Signals;

/// <summary>A value that does not move: a duct's cross-section area, a configuration register.</summary>
public sealed class ConstantSignal(double value) : ISignal
{
    public double Value { get; } = value;

    public double ValueAt(DateTimeOffset time) => Value;
}
