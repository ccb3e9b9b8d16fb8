namespace EdgeGateway.Modbus.Framing;

/// <summary>What a framer found at the start of a receive buffer.</summary>
public enum FrameStatus
{
    /// <summary>Not enough bytes yet to know.</summary>
    Incomplete,

    /// <summary>A whole, checked frame of <see cref="FrameResult.Length"/> bytes.</summary>
    Complete,

    /// <summary>A frame of the expected length whose CRC is wrong (RTU).</summary>
    CrcError,

    /// <summary>The bytes cannot start a frame; skip <see cref="FrameResult.Length"/> bytes and look again.</summary>
    Garbage,

    /// <summary>The frame's length cannot be known from its header (an unsupported function code): its end is the line's silence.</summary>
    UnknownLength,
}
