using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace EdgeGateway.Uplink.Commands;

/// <summary>The two time notations commands accept, and the one replies use.</summary>
internal static class CommandTimes
{
    /// <summary>The HJ 212 notation, <c>yyyyMMddHHmmss</c>, in site time.</summary>
    public const string Hj212Format = "yyyyMMddHHmmss";

    // Only ISO 8601 shapes: a lenient parser would take "03/01/2026" in some culture's order.
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>UTC, ISO 8601 with milliseconds and <c>Z</c>, as every message of the contract.</summary>
    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>An ISO 8601 time that says its zone (<c>Z</c> or <c>±hh:mm</c>): a time without one is ambiguous.</summary>
    public static bool TryParseIso(string text, out DateTimeOffset utc, [NotNullWhen(false)] out string? error)
    {
        utc = default;
        if (!HasZone(text))
        {
            error = $"'{Shorten(text)}' needs a time zone: ISO 8601 ending in Z (UTC) or ±hh:mm";
            return false;
        }

        if (!DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            error = $"'{Shorten(text)}' is not an ISO 8601 time such as 2026-03-01T08:00:00Z";
            return false;
        }

        utc = parsed.ToUniversalTime();
        error = null;
        return true;
    }

    /// <summary>An HJ 212 time, <c>yyyyMMddHHmmss</c>, read in the site's time zone.</summary>
    public static bool TryParseHj212(string text, TimeSpan siteOffset, out DateTimeOffset utc, [NotNullWhen(false)] out string? error)
    {
        utc = default;
        if (text.Length != Hj212Format.Length
            || !DateTime.TryParseExact(text, Hj212Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            error = $"'{Shorten(text)}' is not an HJ 212 time (yyyyMMddHHmmss, site time)";
            return false;
        }

        utc = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), siteOffset).ToUniversalTime();
        error = null;
        return true;
    }

    /// <summary>Cuts what a requester sent to a length fit for a one-line message.</summary>
    public static string Shorten(string text, int maxLength = 40) => text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength), "…");

    private static bool HasZone(string text) =>
        text.EndsWith('Z')
        || (text.Length >= 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
