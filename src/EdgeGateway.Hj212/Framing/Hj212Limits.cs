namespace EdgeGateway.Hj212.Framing;

/// <summary>Size limits of HJ 212-2017 §6.3 (Tables 2 and 3), all in bytes of UTF-8.</summary>
public static class Hj212Limits
{
    /// <summary>The largest data segment a sender may write (Table 2: 0 ≤ n ≤ 1024).</summary>
    public const int MaxDataSegmentBytes = 1024;

    /// <summary>The largest <c>CP=&amp;&amp;…&amp;&amp;</c> field a sender may write (Table 3: 0–950).</summary>
    public const int MaxCpBytes = 950;

    /// <summary>
    /// The default largest data segment accepted on receive. Oversized packets occur in the field; 9800 is the
    /// bound srdgame/lua-HJ212 chose, and the 4-digit length field cannot say more than 9999 anyway.
    /// </summary>
    public const int DefaultMaxReceivedDataSegmentBytes = 9800;

    /// <summary>Bytes around the data segment: <c>##</c>, 4 length digits, 4 CRC digits, CR LF.</summary>
    public const int FrameOverheadBytes = 12;

    /// <summary>The largest PNUM that fits the field width of Table 3 (<c>PNUM=</c> plus 4 digits).</summary>
    public const int MaxPacketCount = 9999;
}
