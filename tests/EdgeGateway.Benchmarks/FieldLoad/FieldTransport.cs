namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>Which kind of bus the simulated devices sit on.</summary>
internal enum FieldTransport
{
    /// <summary>As the demo: flue-gas devices (CEMS, dust meter) on Modbus TCP, wastewater analyzers on RTU over TCP.</summary>
    Mixed,

    /// <summary>Every device on Modbus TCP buses.</summary>
    Tcp,

    /// <summary>Every device on RTU-over-TCP buses (a serial server).</summary>
    RtuOverTcp,
}
