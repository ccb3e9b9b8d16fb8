namespace EdgeGateway.Modbus.Transport;

/// <summary>
/// The driver-enable (DE) and receiver-enable (/RE) lines of an RS-485 transceiver that does not switch direction by
/// itself, as the master drives them around each frame (<see cref="Rs485DirectionSwitchingTransport"/>).
/// </summary>
/// <remarks>
/// An interface so the Modbus library needs no GPIO package: the service implements it on a GPIO output, tests record it.
/// </remarks>
public interface IRs485DirectionSwitch
{
    /// <summary>Enables the driver: this station talks, the bus carries our bits.</summary>
    /// <exception cref="ModbusTransportException">The line cannot be switched (the GPIO went away).</exception>
    void Transmit();

    /// <summary>Releases the bus and enables the receiver: the slaves may answer.</summary>
    /// <exception cref="ModbusTransportException">The line cannot be switched (the GPIO went away).</exception>
    void Receive();
}
