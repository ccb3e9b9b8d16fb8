namespace EdgeGateway.FieldBus.Profiles;

/// <summary>Thrown when one or more profiles do not load; carries every problem found, not only the first.</summary>
public sealed class ProfileException : Exception
{
    public ProfileException(IReadOnlyList<ProfileError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<ProfileError> Errors { get; }

    private static string Describe(IReadOnlyList<ProfileError> errors) =>
        errors.Count == 1
            ? $"invalid device profile: {errors[0]}"
            : $"invalid device profiles, {errors.Count} problems:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}";
}
