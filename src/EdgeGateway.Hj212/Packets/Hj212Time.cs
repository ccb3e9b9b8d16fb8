using System.Globalization;

namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// The two time formats of HJ 212: <c>YYYYMMDDhhmmss</c> for DataTime, BeginTime, EndTime, SystemTime…, and
/// <c>YYYYMMDDhhmmsszzz</c> for QN. Values are formatted exactly as given: the caller passes site-local time
/// (the standard means Beijing time); nothing here converts between zones.
/// </summary>
public static class Hj212Time
{
    /// <summary>Format of DataTime and the other time fields.</summary>
    public const string TimeFormat = "yyyyMMddHHmmss";

    /// <summary>Format of QN: the time to the millisecond.</summary>
    public const string QnFormat = "yyyyMMddHHmmssfff";

    /// <summary>Formats a time field, e.g. <c>20160801085857</c>.</summary>
    public static string Format(DateTime time) => time.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Formats a QN, e.g. <c>20160801085857223</c>.</summary>
    public static string FormatQn(DateTime time) => time.ToString(QnFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses <c>YYYYMMDDhhmmss</c>; the result has <see cref="DateTimeKind.Unspecified"/>.</summary>
    public static bool TryParse(string? text, out DateTime time) =>
        DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>Parses a QN <c>YYYYMMDDhhmmsszzz</c>; the result has <see cref="DateTimeKind.Unspecified"/>.</summary>
    public static bool TryParseQn(string? text, out DateTime time) =>
        DateTime.TryParseExact(text, QnFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
