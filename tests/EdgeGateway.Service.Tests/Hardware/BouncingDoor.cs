using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>
/// A cabinet door on a reed or micro switch, as the input sees it: a real move reaches its new level and then
/// chatters back and forth a few times before it rests; a knock on the cabinet makes the contact chatter and come
/// back where it was. Time is stepped on the manual clock between edges.
/// </summary>
internal sealed class BouncingDoor(FakeGpioDriver driver, FakeTimeProvider time, int pin, bool openWhenHigh)
{
    /// <summary>Moves the door; returns the time of its first edge, when it really moved.</summary>
    /// <param name="bounces">How many times the contact springs back before it rests.</param>
    /// <param name="gap">The time between two edges of the chatter.</param>
    public DateTimeOffset Move(bool open, int bounces, TimeSpan gap)
    {
        var level = Level(open);
        var moved = time.GetUtcNow();
        driver.SetInput(pin, level);
        for (var i = 0; i < bounces; i++)
        {
            time.Advance(gap);
            driver.SetInput(pin, Level(!open));
            time.Advance(gap);
            driver.SetInput(pin, level);
        }

        return moved;
    }

    /// <summary>A knock: the contact of a door in state <paramref name="open"/> chatters and ends where it was.</summary>
    public void Knock(bool open, int bounces, TimeSpan gap)
    {
        for (var i = 0; i < bounces; i++)
        {
            driver.SetInput(pin, Level(!open));
            time.Advance(gap);
            driver.SetInput(pin, Level(open));
            time.Advance(gap);
        }
    }

    private PinValue Level(bool open) => open == openWhenHigh ? PinValue.High : PinValue.Low;
}
