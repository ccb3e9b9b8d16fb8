namespace EdgeGateway.Uplink.Platforms;

/// <summary>Keeps each platform's <see cref="PlatformIdentity"/> across restarts (see <see cref="JsonPlatformIdentityStore"/>).</summary>
public interface IPlatformIdentityStore
{
    /// <summary>What was saved for <paramref name="platformName"/>; null when nothing was.</summary>
    /// <exception cref="InvalidDataException">The stored copy is unreadable; the message names the file.</exception>
    PlatformIdentity? Load(string platformName);

    /// <summary>Replaces what is saved for <paramref name="platformName"/>, atomically.</summary>
    /// <exception cref="IOException">It could not be written.</exception>
    void Save(string platformName, PlatformIdentity identity);
}
