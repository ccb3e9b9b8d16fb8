using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Crypto;
using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.Configuration;

/// <summary>One platform in the <c>--check-config</c> summary: what will be dialled, as whom; the PW and the key masked.</summary>
internal sealed record PlatformSummary(
    string Name,
    string Address,
    string Edition,
    bool Enabled,
    string Mn,
    string Pw,
    string Encryption,
    IReadOnlyList<string> Uploads,
    IReadOnlyList<string> AllowCommands)
{
    /// <summary>What stands for a secret in the summary.</summary>
    public const string Masked = "******";

    public static PlatformSummary Of(PlatformOptions platform) => new(
        platform.Name,
        platform.Address,
        platform.Edition == Hj212Edition.Edition2025 ? "2025" : "2017",
        platform.Enabled,
        platform.Mn,
        Masked,
        platform.EncryptionKey is null ? "off" : "sm4 (key " + Masked + ", " + WireForm(platform.Encryption) + ")",
        Names(platform.Uploads),
        Names(platform.AllowedCommands));

    private static string WireForm(Hj212EncryptionOptions encryption) =>
        (encryption.Form == Hj212CipherTextForm.HexDigits ? "hex" : "braced")
        + (encryption.LengthField == Hj212CipherLengthField.TransmittedLength ? ", transmitted length" : ", plain length");

    private static string[] Names<T>(T flags)
        where T : struct, Enum =>
        [.. Enum.GetValues<T>().Where(flag => Convert.ToInt32(flag, System.Globalization.CultureInfo.InvariantCulture) is var bit && bit != 0 && (bit & (bit - 1)) == 0 && flags.HasFlag(flag))
            .Select(flag => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(flag.ToString()))];
}
