namespace EdgeGateway.FieldBus.Profiles;

/// <summary>What an analyzer measures; JSON names <c>flue-gas</c>, <c>wastewater</c>, <c>particulate-flow</c>, <c>other</c>.</summary>
/// <remarks>The uplink derives the HJ 212 system code (ST) from it, so it is required rather than guessed from factor codes.</remarks>
public enum DeviceKind
{
    FlueGas,
    Wastewater,
    ParticulateFlow,
    Other,
}
