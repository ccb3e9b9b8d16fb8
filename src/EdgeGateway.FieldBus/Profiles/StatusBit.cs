namespace EdgeGateway.FieldBus.Profiles;

/// <summary>A bit of a status word that, when set, puts the named channels into a state.</summary>
/// <param name="Bit">Bit of the decoded word, 0 = least significant (0..15 for 16-bit words, 0..31 for 32-bit).</param>
/// <param name="Means">The state the bit signals.</param>
/// <param name="Channels">Channel ids it applies to, resolved: the bit's own list, else its word's, else every channel.</param>
public sealed record StatusBit(int Bit, StatusMeaning Means, IReadOnlyList<string> Channels);
