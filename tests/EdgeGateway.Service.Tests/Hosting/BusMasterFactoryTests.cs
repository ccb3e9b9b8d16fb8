using System.Device.Gpio;
using EdgeGateway.Configuration;
using EdgeGateway.Hosting;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Transport;
using EdgeGateway.Service.Tests.Hardware;

namespace EdgeGateway.Service.Tests.Hosting;

/// <summary>Each bus's master gets the direction control its rs485 section asks for; GPIO is opened only for gpio.</summary>
public sealed class BusMasterFactoryTests
{
    [Fact]
    public void Auto_and_kernel_need_no_gpio()
    {
        var opened = 0;
        using var factory = new BusMasterFactory(gpioChip: null, openGpio: _ =>
        {
            opened++;
            return new GpioController(new FakeGpioDriver());
        });

        using var auto = factory.Create(Bus(Rs485Settings.Auto));
        using var kernel = factory.Create(Bus(new Rs485Settings(Rs485Direction.Kernel, null, false, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), RtsOnSend: false)));

        Assert.Null(Assert.IsType<PosixSerialTransport>(auto.Transport).KernelRs485);
        Assert.Equal(new KernelRs485Settings(RtsOnSend: false, DelayBeforeSendMilliseconds: 1, DelayAfterSendMilliseconds: 2), Assert.IsType<PosixSerialTransport>(kernel.Transport).KernelRs485);
        Assert.Equal(0, opened);
    }

    [Fact]
    public void Gpio_wraps_the_port_in_a_direction_switch_on_the_configured_chip_and_pin()
    {
        var driver = new FakeGpioDriver();
        int? chipAsked = -1;
        using var factory = new BusMasterFactory(gpioChip: 4, openGpio: chip =>
        {
            chipAsked = chip;
            return new GpioController(driver);
        });

        using var master = factory.Create(Bus(new Rs485Settings(Rs485Direction.Gpio, 18, ActiveLow: true, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), RtsOnSend: true)));

        var switched = Assert.IsType<Rs485DirectionSwitchingTransport>(master.Transport);
        Assert.IsType<PosixSerialTransport>(switched.Inner);
        Assert.Equal((TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2)), (switched.DelayBeforeSend, switched.DelayAfterSend));
        Assert.Equal(4, chipAsked);
        Assert.Equal(PinMode.Output, driver.ModeOf(18));
    }

    [Fact]
    public void Gpio_that_cannot_be_opened_names_the_bus()
    {
        using var factory = new BusMasterFactory(gpioChip: null, openGpio: _ => throw new InvalidOperationException("GPIO cannot be opened: no libgpiod"));

        var failure = Assert.Throws<InvalidOperationException>(() => factory.Create(Bus(new Rs485Settings(Rs485Direction.Gpio, 18, false, TimeSpan.Zero, TimeSpan.Zero, true))));

        Assert.Equal("bus 'rs485-1': rs485.direction gpio: GPIO cannot be opened: no libgpiod", failure.Message);
    }

    private static BusSettings Bus(Rs485Settings rs485) =>
        new("rs485-1", ModbusEndpoint.Parse("/dev/null"), new SerialSettings("/dev/null"), SerialDriver.Posix, new ModbusMasterOptions(), [], rs485);
}
