using System.Collections.Frozen;
using System.Globalization;

namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// How values are written into the CP area: invariant culture, fixed-point (never an exponent, which platforms
/// reject), with a number of decimals chosen per factor (the standard's N5.2, N4.3 … types).
/// </summary>
public sealed class Hj212NumberFormat
{
    /// <summary>The most decimals a factor may ask for; doubles carry no more meaningful digits.</summary>
    public const int MaxDecimals = 15;

    private const NumberStyles ReceivedNumberStyle =
        NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private readonly FrozenDictionary<string, int> _decimalsByFactor;

    /// <summary>Creates a format.</summary>
    /// <param name="defaultDecimals">Decimals for factors not listed in <paramref name="decimalsByFactor"/>.</param>
    /// <param name="decimalsByFactor">Decimals per factor code, e.g. <c>w01018 → 1</c>, <c>a21026 → 2</c>.</param>
    public Hj212NumberFormat(int defaultDecimals = 3, IReadOnlyDictionary<string, int>? decimalsByFactor = null)
    {
        CheckDecimals(defaultDecimals, nameof(defaultDecimals));
        DefaultDecimals = defaultDecimals;
        if (decimalsByFactor is null)
        {
            _decimalsByFactor = FrozenDictionary<string, int>.Empty;
            return;
        }

        foreach (var (_, decimals) in decimalsByFactor)
        {
            CheckDecimals(decimals, nameof(decimalsByFactor));
        }

        _decimalsByFactor = decimalsByFactor.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Three decimals for every factor.</summary>
    public static Hj212NumberFormat Default { get; } = new();

    /// <summary>Decimals for factors without an entry of their own.</summary>
    public int DefaultDecimals { get; }

    /// <summary>The decimals used for <paramref name="factorCode"/>.</summary>
    public int GetDecimals(string factorCode) =>
        _decimalsByFactor.TryGetValue(factorCode, out var decimals) ? decimals : DefaultDecimals;

    /// <summary>Formats a value of <paramref name="factorCode"/> with that factor's decimals.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite: no packet may carry it.</exception>
    public string Format(string factorCode, double value) => Format(value, GetDecimals(factorCode));

    /// <summary>Formats <paramref name="value"/> fixed-point with <paramref name="decimals"/> decimals, e.g. <c>-0.052</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite, or decimals is outside 0..15.</exception>
    public static string Format(double value, int decimals)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "HJ 212 values must be finite numbers");
        }

        CheckDecimals(decimals, nameof(decimals));
        Span<char> format = ['F', '0', '0'];
        var formatLength = decimals < 10 ? 2 : 3;
        if (decimals < 10)
        {
            format[1] = (char)('0' + decimals);
        }
        else
        {
            format[1] = '1';
            format[2] = (char)('0' + (decimals - 10));
        }

        Span<char> buffer = stackalloc char[64];
        scoped ReadOnlySpan<char> text;
        if (value.TryFormat(buffer, out var written, format[..formatLength], CultureInfo.InvariantCulture))
        {
            text = buffer[..written];
        }
        else
        {
            // Only magnitudes past ~1e45 miss the stack buffer; they are not measurements, but stay correct.
            text = value.ToString(new string(format[..formatLength]), CultureInfo.InvariantCulture);
        }

        // A small negative value rounds to "-0.00"; receivers read the sign as a real negative reading.
        if (text.Length > 1 && text[0] == '-' && !text[1..].ContainsAnyExcept('0', '.'))
        {
            text = text[1..];
        }

        return new string(text);
    }

    /// <summary>Parses a received number: invariant culture, optional sign, decimal point, exponent tolerated.</summary>
    public static bool TryParse(string? text, out double value) =>
        double.TryParse(text, ReceivedNumberStyle, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Parses a received number as a decimal, keeping every digit that was sent.</summary>
    public static bool TryParse(string? text, out decimal value) =>
        decimal.TryParse(text, ReceivedNumberStyle, CultureInfo.InvariantCulture, out value);

    private static void CheckDecimals(int decimals, string parameterName)
    {
        if (decimals is < 0 or > MaxDecimals)
        {
            throw new ArgumentOutOfRangeException(parameterName, decimals, "decimals must be 0..15");
        }
    }
}
