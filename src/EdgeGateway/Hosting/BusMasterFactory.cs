using System.Device.Gpio;
using EdgeGateway.Configuration;
using EdgeGateway.Hardware;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Hosting;

/// <summary>
/// Builds each bus's Modbus master with its RS-485 direction control (<c>buses[].rs485</c>): nothing for auto, the
/// kernel's RS-485 mode on the posix transport, or a GPIO switched around each frame. Owns the GPIO controller of the
/// direction pins, opened only when a bus uses one.
/// </summary>
internal sealed class BusMasterFactory : IDisposable
{
    private readonly int? _gpioChip;
    private readonly Func<int?, GpioController> _openGpio;
    private GpioController? _gpio;

    /// <param name="gpioChip">hardware.gpioChip: the libgpiod chip, null for the board's best driver.</param>
    /// <param name="openGpio">Opens the controller; <see cref="GpioOpener.Open"/> unless a test passes a fake driver.</param>
    public BusMasterFactory(int? gpioChip, Func<int?, GpioController>? openGpio = null)
    {
        _gpioChip = gpioChip;
        _openGpio = openGpio ?? GpioOpener.Open;
    }

    /// <exception cref="InvalidOperationException">The bus's direction GPIO cannot be used, with the bus named and the remedy.</exception>
    /// <exception cref="ModbusTransportException">A line setting is not supported.</exception>
    public ModbusMaster Create(BusSettings bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var rs485 = bus.Rs485;
        var kernel = rs485.Direction == Rs485Direction.Kernel
            ? new KernelRs485Settings(rs485.RtsOnSend, (int)rs485.DelayBeforeSend.TotalMilliseconds, (int)rs485.DelayAfterSend.TotalMilliseconds)
            : null;
        var transport = ModbusConnectionFactory.CreateTransport(bus.Endpoint, bus.Serial, bus.Driver, kernelRs485: kernel);
        if (rs485 is { Direction: Rs485Direction.Gpio, Pin: { } pin })
        {
            try
            {
                var direction = new GpioRs485DirectionSwitch(_gpio ??= _openGpio(_gpioChip), pin, rs485.ActiveLow);
                transport = new Rs485DirectionSwitchingTransport(transport, direction, rs485.DelayBeforeSend, rs485.DelayAfterSend);
            }
            catch (InvalidOperationException exception)
            {
                transport.Dispose();
                throw new InvalidOperationException($"bus '{bus.Name}': rs485.direction gpio: {exception.Message}", exception);
            }
        }

        return ModbusConnectionFactory.CreateMaster(bus.Endpoint, transport, bus.Master, bus.Serial);
    }

    /// <summary>Closes the direction pins' controller; call after the bus pollers have stopped.</summary>
    public void Dispose()
    {
        _gpio?.Dispose();
        _gpio = null;
    }
}
