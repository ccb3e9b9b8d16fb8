namespace EdgeGateway.Interop.Tests.FieldTrial;

/// <summary>
/// The field trial runs alone: its timeline is minutes of real time with deadlines of seconds, which a CPU shared
/// with the rest of the interop tests on two cores would stretch.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FieldTrialCollection
{
    public const string Name = "field trial";
}
