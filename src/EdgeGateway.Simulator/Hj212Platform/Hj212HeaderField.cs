namespace EdgeGateway.Simulator.Hj212Platform;

/// <summary>One <c>name=value</c> field of a data segment's header, in the order sent.</summary>
internal readonly record struct Hj212HeaderField(string Name, string Value)
{
    /// <summary>
    /// The header fields of <paramref name="dataSegment"/> in order, up to <c>CP=</c> (which is listed last, with
    /// an empty value, when present). The decoder keeps only the fields it knows and not their order, so the
    /// checks of order and of RF read the text again here.
    /// </summary>
    public static IReadOnlyList<Hj212HeaderField> Scan(string dataSegment)
    {
        var fields = new List<Hj212HeaderField>();
        var position = 0;
        while (position < dataSegment.Length)
        {
            if (dataSegment.AsSpan(position).StartsWith("CP=", StringComparison.Ordinal))
            {
                fields.Add(new Hj212HeaderField("CP", string.Empty));
                break;
            }

            var semicolon = dataSegment.IndexOf(';', position);
            var end = semicolon < 0 ? dataSegment.Length : semicolon;
            var equals = dataSegment.IndexOf('=', position, end - position);
            fields.Add(equals < 0
                ? new Hj212HeaderField(dataSegment[position..end], string.Empty)
                : new Hj212HeaderField(dataSegment[position..equals], dataSegment[(equals + 1)..end]));
            position = end + 1;
        }

        return fields;
    }
}
