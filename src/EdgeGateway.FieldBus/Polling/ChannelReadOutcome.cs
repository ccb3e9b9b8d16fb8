namespace EdgeGateway.FieldBus.Polling;

/// <summary>Whether a channel got a value in a poll cycle.</summary>
public enum ChannelReadOutcome
{
    /// <summary>Read and decoded.</summary>
    Ok,

    /// <summary>The device did not answer (timeout, CRC, mismatch), or was not asked during an outage: no value, nothing invented.</summary>
    NoAnswer,

    /// <summary>The device answered with an exception for the registers of this channel.</summary>
    Refused,

    /// <summary>The registers decode to no number (a NaN or infinite float).</summary>
    NotANumber,

    /// <summary>The bus's port is gone (unplugged adapter, refused or dropped connection): no value.</summary>
    PortLost,

    /// <summary>A run-state channel's register holds a value its profile's <c>runState</c> does not list.</summary>
    UnknownRunState,
}
