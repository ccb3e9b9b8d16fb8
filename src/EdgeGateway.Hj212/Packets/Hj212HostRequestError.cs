namespace EdgeGateway.Hj212.Packets;

/// <summary>Why a packet is not a host request the gateway can act on.</summary>
public enum Hj212HostRequestError
{
    /// <summary>The request decoded.</summary>
    None,

    /// <summary>The CN is not one of the requests this decoder knows (answer QnRtn 8 or ignore).</summary>
    UnknownCommand,

    /// <summary>A required CP item is absent (answer ExeRtn 3).</summary>
    MissingItem,

    /// <summary>A CP item's value is malformed (answer ExeRtn 3).</summary>
    BadItem,
}
