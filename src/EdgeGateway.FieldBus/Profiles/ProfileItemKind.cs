namespace EdgeGateway.FieldBus.Profiles;

/// <summary>Which part of a profile a <see cref="ProfileError"/> names.</summary>
public enum ProfileItemKind
{
    /// <summary>The profile as a whole (model, kind, defaults, malformed JSON); <see cref="ProfileError.Channel"/> is null.</summary>
    Profile,
    Channel,
    Status,
    Command,
}
