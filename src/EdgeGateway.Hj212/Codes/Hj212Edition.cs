namespace EdgeGateway.Hj212.Codes;

/// <summary>
/// The edition of the standard, as carried in the version bits V5..V0 of Flag (bits 7..2).
/// The numeric value is the version-bit value, not the Flag value: 2017 gives Flag 4/5/6/7.
/// </summary>
public enum Hj212Edition
{
    /// <summary>HJ/T 212-2005 (version bits 000000). Legacy packets of this edition usually carry no QN and no Flag.</summary>
    Edition2005 = 0,

    /// <summary>HJ 212-2017 (version bits 000001): Flag 4 + 2·D + A.</summary>
    Edition2017 = 1,

    /// <summary>
    /// HJ 212-2025 (version bits 000010): Flag 8 + 2·D + A. Taken from one implementation, not from the text of
    /// the 2025 standard, which is why the gateway makes the edition configurable.
    /// </summary>
    Edition2025 = 2,
}
