using System.Device.Gpio;
using EdgeGateway.Hardware;
using EdgeGateway.Modbus.Transport;
using EdgeGateway.Testing.Modbus.Transport;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>
/// RS-485 direction on a GPIO, over the fake driver: the pin's levels (active high or low), their order around each
/// frame, and the delays, read from the driver's timestamps on a clock that only the delays move.
/// </summary>
public sealed class GpioRs485DirectionSwitchTests
{
    private const int Pin = 18;
    private static readonly byte[] Request = [0x01, 0x03, 0x00, 0x00, 0x00, 0x01, 0x84, 0x0A];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_pin_starts_as_an_output_in_receive(bool activeLow)
    {
        var driver = new FakeGpioDriver();
        using var controller = new GpioController(driver);

        _ = new GpioRs485DirectionSwitch(controller, Pin, activeLow);

        Assert.Equal(PinMode.Output, driver.ModeOf(Pin));
        Assert.Equal(activeLow ? PinValue.High : PinValue.Low, controller.Read(Pin));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Each_frame_is_framed_by_transmit_and_receive_levels_with_the_delays_between(bool activeLow)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
        var driver = new FakeGpioDriver(time: clock);
        using var controller = new GpioController(driver);
        var direction = new GpioRs485DirectionSwitch(controller, Pin, activeLow);
        var (masterEnd, slaveEnd) = InMemoryTransportPair.Create("rs485-gpio");
        var frames = new List<(DateTimeOffset At, PinValue Level, int Length)>();
        using var transport = new Rs485DirectionSwitchingTransport(
            new FrameWitnessTransport(masterEnd, length => frames.Add((clock.GetUtcNow(), controller.Read(Pin), length))),
            direction,
            TimeSpan.FromMilliseconds(2),
            TimeSpan.FromMilliseconds(3),
            clock.Advance);
        driver.Writes.Clear();

        transport.Write(Request);
        clock.Advance(TimeSpan.FromMilliseconds(100));   // the answer, the poll interval: the next frame comes later
        transport.Write(Request);

        var transmit = activeLow ? PinValue.Low : PinValue.High;
        var receive = activeLow ? PinValue.High : PinValue.Low;
        var start = clock.Start;
        Assert.Equal(
            [
                (Pin, transmit, start),
                (Pin, receive, start.AddMilliseconds(5)),
                (Pin, transmit, start.AddMilliseconds(105)),
                (Pin, receive, start.AddMilliseconds(110)),
            ],
            driver.Writes.ToArray());

        // The bytes went out 2 ms after the driver was enabled, while it still was.
        Assert.Equal([(start.AddMilliseconds(2), transmit, 8), (start.AddMilliseconds(107), transmit, 8)], frames);
        Assert.Equal(16, slaveEnd.BytesAvailable);
    }

    [Fact]
    public void A_pin_that_went_away_is_a_transport_failure()
    {
        var driver = new FakeGpioDriver();
        var controller = new GpioController(driver);
        var direction = new GpioRs485DirectionSwitch(controller, Pin, activeLow: false);
        controller.Dispose();

        var failure = Assert.Throws<ModbusTransportException>(direction.Transmit);

        Assert.StartsWith("GPIO 18 (RS-485 direction) cannot be switched: ", failure.Message, StringComparison.Ordinal);
    }
}
