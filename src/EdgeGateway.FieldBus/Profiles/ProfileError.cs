namespace EdgeGateway.FieldBus.Profiles;

/// <summary>One problem found in a profile file.</summary>
/// <param name="File">The file as the caller named it.</param>
/// <param name="Channel">The channel id, status id or command name the problem is about (see <paramref name="Kind"/>); null for the profile as a whole.
/// An item without a usable id is named by its JSON position, e.g. <c>channels[3]</c>.</param>
/// <param name="Reason">What is wrong, in words a profile author can act on.</param>
/// <param name="Kind">What <paramref name="Channel"/> names.</param>
public sealed record ProfileError(string File, string? Channel, string Reason, ProfileItemKind Kind = ProfileItemKind.Channel)
{
    /// <summary>E.g. <c>hardware/profiles/x.json: channel 'so2': type 'f33' is not one of u16 i16 u32 i32 f32 u64 i64 f64 bool bit</c>.</summary>
    public override string ToString() => Channel is null || Kind == ProfileItemKind.Profile
        ? $"{File}: {Reason}"
        : $"{File}: {KindWord} '{Channel}': {Reason}";

    private string KindWord => Kind switch
    {
        ProfileItemKind.Status => "status",
        ProfileItemKind.Command => "command",
        _ => "channel",
    };
}
