namespace EdgeGateway.FieldBus.Profiles;

/// <summary>An enumerated value of a status word (a state code such as HJ 212 i12001) and what it means.</summary>
/// <param name="Value">The decoded word's value.</param>
/// <param name="Means">The state it signals.</param>
/// <param name="Channels">Channel ids it applies to, resolved: the word's list, else every channel.</param>
public sealed record StatusValue(long Value, StatusMeaning Means, IReadOnlyList<string> Channels);
