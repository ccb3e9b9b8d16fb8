using EdgeGateway.Modbus.Slave;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Simulator.Serving;

/// <summary>How a <see cref="SimulatorServer"/> serves its analyzers.</summary>
public sealed record SimulatorServerOptions
{
    /// <summary>
    /// Line settings on a serial listen endpoint (the port name comes from the endpoint). A pty ignores the baud
    /// rate, but it still sets the t3.5 silence that ends a frame.
    /// </summary>
    public SerialSettings? Serial { get; init; }

    /// <summary>Faults to inject, for every connection; usually a <see cref="Faults.SimulatedFaults"/>. None by default.</summary>
    public IModbusSlaveFaultPolicy? Faults { get; init; }

    /// <summary>How often the analyzers' registers are rewritten from their signals; zero leaves it to the caller (tests that pin the time).</summary>
    public TimeSpan UpdateInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The silence that ends an RTU frame carried over TCP; a serial server forwards a frame in one burst.</summary>
    public TimeSpan RtuOverTcpFrameSilence { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// On Modbus TCP, answer every unit id from the first analyzer, as a plain device does; otherwise an unknown
    /// unit gets exception 0B as from a gateway. RTU slaves never answer another address.
    /// </summary>
    public bool AnswerAnyUnitOnTcp { get; init; }

    /// <summary>TCP clients served at once; further connections are closed at once, as a small serial server does.</summary>
    public int MaxConnections { get; init; } = 16;

    /// <summary>How long the serial listener waits before reopening a port that failed (a pty whose other end went away).</summary>
    public TimeSpan ReopenDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long <see cref="SimulatorServer.Dispose"/> waits for each serving thread (one may sleep in a slow answer).</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
