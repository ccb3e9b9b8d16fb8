namespace EdgeGateway.FieldBus.Profiles;

/// <summary>
/// An analyzer model's register map, loaded from <c>hardware/profiles/*.json</c> by <see cref="DeviceProfileLoader"/>.
/// Only <see cref="DeviceProfileValidator"/> builds one from a document, so a profile in hand has passed every check.
/// </summary>
/// <param name="Model">Profile id, e.g. <c>cems-generic-flue-gas</c>; unique among loaded profiles.</param>
/// <param name="Manufacturer">Maker of the analyzer, free text.</param>
/// <param name="Description">Free text.</param>
/// <param name="Kind">What the analyzer measures.</param>
/// <param name="Defaults">Device-wide byte order and request limits.</param>
/// <param name="Channels">Measured values, in file order.</param>
/// <param name="Status">Status words, in file order.</param>
/// <param name="Commands">Named writes, by name (ordinal).</param>
/// <param name="Source">File the profile came from, for messages; null when built in memory.</param>
public sealed record DeviceProfile(
    string Model,
    string Manufacturer,
    string Description,
    DeviceKind Kind,
    ProfileDefaults Defaults,
    IReadOnlyList<ProfileChannel> Channels,
    IReadOnlyList<ProfileStatusWord> Status,
    IReadOnlyDictionary<string, ProfileCommand> Commands,
    string? Source);
