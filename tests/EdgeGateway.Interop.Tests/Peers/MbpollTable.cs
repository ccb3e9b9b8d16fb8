namespace EdgeGateway.Interop.Tests.Peers;

/// <summary>mbpoll's <c>-t</c> table types.</summary>
public enum MbpollTable
{
    /// <summary><c>-t 0</c>: coils (function 1).</summary>
    Coils = 0,

    /// <summary><c>-t 1</c>: discrete inputs (function 2).</summary>
    DiscreteInputs = 1,

    /// <summary><c>-t 3</c>: input registers (function 4).</summary>
    InputRegisters = 3,

    /// <summary><c>-t 4</c>: holding registers (function 3).</summary>
    HoldingRegisters = 4,
}
