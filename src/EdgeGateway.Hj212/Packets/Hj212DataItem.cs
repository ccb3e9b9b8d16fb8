namespace EdgeGateway.Hj212.Packets;

/// <summary>One <c>name=value</c> item of the CP data area. The value is kept exactly as sent.</summary>
/// <param name="Name">Field name, case-sensitive, e.g. <c>w01018-Rtd</c> or <c>DataTime</c>.</param>
/// <param name="Value">Field value as text, e.g. <c>2.2</c>, <c>N</c> or <c>//log text//</c>.</param>
public readonly record struct Hj212DataItem(string Name, string Value)
{
    /// <summary>The item as written on the wire: <c>name=value</c>.</summary>
    public override string ToString() => Name + "=" + Value;
}
