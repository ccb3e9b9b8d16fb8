using System.Text.RegularExpressions;

namespace EdgeGateway.FieldBus.Profiles;

/// <summary>The shapes of a profile's ids, shared by its channels and status words.</summary>
internal static partial class ProfilePatterns
{
    [GeneratedRegex("^[a-z0-9_-]+$")]
    public static partial Regex ItemId();
}
