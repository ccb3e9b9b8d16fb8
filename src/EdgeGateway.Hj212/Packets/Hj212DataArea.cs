using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;

namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// The CP data area (the text between <c>CP=&amp;&amp;</c> and the closing <c>&amp;&amp;</c>): an ordered list of
/// groups separated by <c>;</c>, each an ordered list of <c>name=value</c> items separated by <c>,</c>.
/// Immutable. Values stay strings exactly as sent; the typed accessors parse them on demand.
/// </summary>
public sealed class Hj212DataArea : IEquatable<Hj212DataArea>
{
    private readonly Hj212DataItem[][] _groups;

    /// <summary>Copies the given groups.</summary>
    public Hj212DataArea(IEnumerable<IEnumerable<Hj212DataItem>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _groups = groups.Select(group => group.ToArray()).ToArray();
    }

    /// <summary>Takes ownership of arrays nobody else holds (the parser's and the builders').</summary>
    internal Hj212DataArea(Hj212DataItem[][] groups)
    {
        _groups = groups;
    }

    /// <summary>The empty data area, written <c>CP=&amp;&amp;&amp;&amp;</c>.</summary>
    public static Hj212DataArea Empty { get; } = new(Array.Empty<Hj212DataItem[]>());

    /// <summary>The groups in order; a group may be empty when the sender wrote <c>;;</c> or a trailing <c>;</c>.</summary>
    public IReadOnlyList<IReadOnlyList<Hj212DataItem>> Groups => _groups;

    /// <summary>The groups as arrays, for the encoder's loops (no enumerator allocations); never hand them out.</summary>
    internal Hj212DataItem[][] GroupArrays => _groups;

    /// <summary>Every item of every group, in order.</summary>
    public IEnumerable<Hj212DataItem> Items => _groups.SelectMany(group => group);

    /// <summary>The number of items over all groups.</summary>
    public int ItemCount => _groups.Sum(group => group.Length);

    /// <summary>Parses a data area's text (without the surrounding <c>&amp;&amp;</c>). Never throws on bad input.</summary>
    /// <param name="text">For example <c>DataTime=20160801085857;w01018-Rtd=2.2,w01018-Flag=N</c>.</param>
    /// <param name="area">The parsed area on success.</param>
    /// <param name="error">Why the text is not a data area, on failure.</param>
    public static bool TryParse(string text, [NotNullWhen(true)] out Hj212DataArea? area, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Hj212DataAreaParser.TryParse(text, 0, text.Length, out area, out error);
    }

    /// <summary>The first value of the item called <paramref name="name"/>, searching every group in order.</summary>
    public bool TryGetValue(string name, [NotNullWhen(true)] out string? value)
    {
        foreach (var group in _groups)
        {
            foreach (var item in group)
            {
                if (string.Equals(item.Name, name, StringComparison.Ordinal))
                {
                    value = item.Value;
                    return true;
                }
            }
        }

        value = null;
        return false;
    }

    /// <summary>The first value of the item called <paramref name="name"/>, or null.</summary>
    public string? GetValue(string name) => TryGetValue(name, out var value) ? value : null;

    /// <summary>The item's value as a decimal (invariant culture).</summary>
    public bool TryGetDecimal(string name, out decimal value)
    {
        value = 0;
        return TryGetValue(name, out var text) && Hj212NumberFormat.TryParse(text, out value);
    }

    /// <summary>The item's value as a double (invariant culture).</summary>
    public bool TryGetDouble(string name, out double value)
    {
        value = 0;
        return TryGetValue(name, out var text) && Hj212NumberFormat.TryParse(text, out value);
    }

    /// <summary>The item's value as an integer (invariant culture, optional sign).</summary>
    public bool TryGetInt32(string name, out int value)
    {
        value = 0;
        return TryGetValue(name, out var text)
            && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The item's value as a <c>YYYYMMDDhhmmss</c> time, in whatever zone the sender used.</summary>
    public bool TryGetTime(string name, out DateTime value)
    {
        value = default;
        return TryGetValue(name, out var text) && Hj212Time.TryParse(text, out value);
    }

    /// <summary>The item's value as a Table 8 data flag.</summary>
    public bool TryGetDataFlag(string name, out Hj212DataFlag flag)
    {
        flag = default;
        return TryGetValue(name, out var text) && Hj212Codes.TryParseDataFlag(text, out flag);
    }

    /// <summary><c>DataTime</c>: the acquisition instant (2011) or the start of the period (2051/2061/2031).</summary>
    public bool TryGetDataTime(out DateTime dataTime) => TryGetTime(Hj212FieldNames.DataTime, out dataTime);

    /// <summary>The value of <c>factorCode-Suffix</c>, e.g. <c>w01018-Rtd</c>, without building the name.</summary>
    public bool TryGetFactorValue(string factorCode, Hj212FactorField field, [NotNullWhen(true)] out string? value)
    {
        ArgumentNullException.ThrowIfNull(factorCode);
        var suffix = Hj212FieldNames.Suffix(field);
        foreach (var group in _groups)
        {
            foreach (var item in group)
            {
                if (Hj212FieldNames.IsFactorField(item.Name, factorCode, suffix))
                {
                    value = item.Value;
                    return true;
                }
            }
        }

        value = null;
        return false;
    }

    /// <summary>The value of <c>factorCode-Suffix</c>, or null.</summary>
    public string? GetFactorValue(string factorCode, Hj212FactorField field) =>
        TryGetFactorValue(factorCode, field, out var value) ? value : null;

    /// <summary>The value of <c>factorCode-Suffix</c> as a double, e.g. <c>w01018-Avg</c>.</summary>
    public bool TryGetFactorDouble(string factorCode, Hj212FactorField field, out double value)
    {
        value = 0;
        return TryGetFactorValue(factorCode, field, out var text) && Hj212NumberFormat.TryParse(text, out value);
    }

    /// <summary>The value of <c>factorCode-Suffix</c> as a decimal.</summary>
    public bool TryGetFactorDecimal(string factorCode, Hj212FactorField field, out decimal value)
    {
        value = 0;
        return TryGetFactorValue(factorCode, field, out var text) && Hj212NumberFormat.TryParse(text, out value);
    }

    /// <summary>The factor's <c>-Flag</c> as a Table 8 data flag.</summary>
    public bool TryGetFactorDataFlag(string factorCode, out Hj212DataFlag flag)
    {
        flag = default;
        return TryGetFactorValue(factorCode, Hj212FactorField.Flag, out var text) && Hj212Codes.TryParseDataFlag(text, out flag);
    }

    /// <summary>The factor's <c>-SampleTime</c> as a time.</summary>
    public bool TryGetFactorTime(string factorCode, Hj212FactorField field, out DateTime value)
    {
        value = default;
        return TryGetFactorValue(factorCode, field, out var text) && Hj212Time.TryParse(text, out value);
    }

    /// <summary>
    /// The distinct factor codes (the part before <c>-</c> of names such as <c>w01018-Rtd</c>) in order of first
    /// appearance. Names without <c>-</c> (DataTime, PolId …) are not factors.
    /// </summary>
    public IReadOnlyList<string> GetFactorCodes()
    {
        var codes = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in _groups)
        {
            foreach (var item in group)
            {
                if (Hj212FieldNames.TrySplitFactorField(item.Name, out var code, out _) && seen.Add(code))
                {
                    codes.Add(code);
                }
            }
        }

        return codes;
    }

    /// <summary>The data area as written on the wire, without the surrounding <c>&amp;&amp;</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var g = 0; g < _groups.Length; g++)
        {
            if (g > 0)
            {
                text.Append(';');
            }

            var group = _groups[g];
            for (var i = 0; i < group.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }

                text.Append(group[i].Name).Append('=').Append(group[i].Value);
            }
        }

        return text.ToString();
    }

    /// <summary>Same groups with the same items in the same order.</summary>
    public bool Equals(Hj212DataArea? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (_groups.Length != other._groups.Length)
        {
            return false;
        }

        for (var g = 0; g < _groups.Length; g++)
        {
            if (!_groups[g].AsSpan().SequenceEqual(other._groups[g]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Hj212DataArea);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var group in _groups)
        {
            hash.Add(group.Length);
            foreach (var item in group)
            {
                hash.Add(item);
            }
        }

        return hash.ToHashCode();
    }
}
