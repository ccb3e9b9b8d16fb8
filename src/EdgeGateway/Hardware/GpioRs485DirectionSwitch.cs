using System.Device.Gpio;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Hardware;

/// <summary>
/// An RS-485 transceiver's DE and /RE (tied together) on a GPIO output: the driver is enabled at the active level and
/// the receiver at the other. The pin starts in receive, so the gateway never holds the bus before its first request.
/// </summary>
internal sealed class GpioRs485DirectionSwitch : IRs485DirectionSwitch
{
    private readonly GpioController _controller;
    private readonly PinValue _transmitLevel;
    private readonly PinValue _receiveLevel;

    /// <param name="controller">The GPIO controller; its owner closes it.</param>
    /// <param name="pin">BCM GPIO number.</param>
    /// <param name="activeLow">True when a low output enables the driver (an inverting stage or optocoupler before DE).</param>
    /// <exception cref="InvalidOperationException">The pin cannot be opened as an output (in use, or no such pin), with the reason.</exception>
    public GpioRs485DirectionSwitch(GpioController controller, int pin, bool activeLow)
    {
        ArgumentNullException.ThrowIfNull(controller);
        _controller = controller;
        Pin = pin;
        _transmitLevel = activeLow ? PinValue.Low : PinValue.High;
        _receiveLevel = activeLow ? PinValue.High : PinValue.Low;
        try
        {
            controller.OpenPin(pin, PinMode.Output, _receiveLevel);
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException($"GPIO {pin} cannot be opened as the RS-485 direction output: {exception.Message}", exception);
        }
    }

    /// <summary>The BCM GPIO on DE/RE.</summary>
    public int Pin { get; }

    /// <inheritdoc/>
    public void Transmit() => Drive(_transmitLevel);

    /// <inheritdoc/>
    public void Receive() => Drive(_receiveLevel);

    private void Drive(PinValue level)
    {
        try
        {
            _controller.Write(Pin, level);
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // A transport failure, so the bus poller closes and reopens the port and logs why, instead of crashing its loop.
            throw new ModbusTransportException($"GPIO {Pin} (RS-485 direction) cannot be switched: {exception.Message}", exception);
        }
    }
}
