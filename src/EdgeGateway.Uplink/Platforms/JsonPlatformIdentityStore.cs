using System.Text.Json;
using EdgeGateway.Primitives.StateFiles;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// One JSON file per platform, <c>platform-&lt;name&gt;.json</c> in <see cref="Directory"/> (the gateway's state
/// directory), replaced atomically (<see cref="AtomicFile"/>). It holds the PW and the key: keep the directory
/// readable by the gateway's user only.
/// </summary>
public sealed class JsonPlatformIdentityStore : IPlatformIdentityStore
{
    public JsonPlatformIdentityStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
    }

    public string Directory { get; }

    /// <summary>The file of <paramref name="platformName"/>; characters a file name cannot hold become '_'.</summary>
    public string PathOf(string platformName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(platformName);
        var invalid = Path.GetInvalidFileNameChars();
        var safe = string.Concat(platformName.Select(c => invalid.Contains(c) || c == '.' ? '_' : c));
        return Path.Combine(Directory, "platform-" + safe + ".json");
    }

    public PlatformIdentity? Load(string platformName)
    {
        var path = PathOf(platformName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var bytes = File.ReadAllBytes(path);
            return JsonSerializer.Deserialize(bytes, PlatformIdentityJsonContext.Default.PlatformIdentity)
                ?? throw new InvalidDataException($"{path}: the file holds null, not a platform identity");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path}: not a platform identity file: {exception.Message}", exception);
        }
    }

    public void Save(string platformName, PlatformIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        AtomicFile.Write(PathOf(platformName), stream => JsonSerializer.Serialize(stream, identity, PlatformIdentityJsonContext.Default.PlatformIdentity));
    }
}
