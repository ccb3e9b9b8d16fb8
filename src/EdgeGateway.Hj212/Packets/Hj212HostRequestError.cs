namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// Why a packet is not a host request the gateway can act on. <see cref="Hj212HostRequestResult.QnRtn"/> and
/// <see cref="Hj212HostRequestResult.ExeRtn"/> give the answers each calls for.
/// </summary>
public enum Hj212HostRequestError
{
    /// <summary>The request decoded.</summary>
    None,

    /// <summary>The CN is not a host request of the standard (answer QnRtn 8, CN wrong; no 9012 follows).</summary>
    UnknownCommand,

    /// <summary>A required CP item is absent (answer QnRtn 1, then ExeRtn 3, request-condition error).</summary>
    MissingItem,

    /// <summary>A CP item's value is malformed, e.g. not a number or not a time (answer QnRtn 1, then ExeRtn 3).</summary>
    BadItem,

    /// <summary>A CP item's value is well formed but outside what the standard allows (answer QnRtn 1, then ExeRtn 3).</summary>
    OutOfRange,

    /// <summary>
    /// A host request of the standard this gateway does not carry out (3016 set sampling period, 3017/3018 get
    /// sampling period / sample-output time): answer QnRtn 2, rejected, not silence (hj212-tcp.md Part B 26).
    /// </summary>
    UnsupportedCommand,
}
