using System.Device.Gpio;
using System.Device.Gpio.Drivers;

namespace EdgeGateway.Hardware;

/// <summary>
/// Opens the GPIO controller for the cabinet's parts, only when one is configured. Without libgpiod, the library's
/// default constructor throws an exception about a missing libgpiod.so.3 (docs/library-notes.md §3); this says what to install.
/// </summary>
internal static class GpioOpener
{
    /// <summary>The board's best driver, or libgpiod on <paramref name="chip"/> when given.</summary>
    /// <exception cref="InvalidOperationException">No GPIO here, with the reason and the remedy.</exception>
    public static GpioController Open(int? chip)
    {
        try
        {
            return chip is { } number ? new GpioController(new LibGpiodDriver(number)) : new GpioController();
        }
        catch (Exception exception) when (exception is DllNotFoundException or PlatformNotSupportedException or NotSupportedException or IOException or UnauthorizedAccessException || exception.GetType().Name == "GpiodException")
        {
            throw new InvalidOperationException(
                $"GPIO cannot be opened{(chip is null ? string.Empty : $" (chip {chip})")}: {exception.Message}{(exception.InnerException is null ? string.Empty : $" ({exception.InnerException.Message})")}. "
                + "Install libgpiod (Raspberry Pi OS / Debian: sudo apt install libgpiod2 or libgpiod3), check that the service user is in the gpio group, or disable the hardware parts that use GPIO",
                exception);
        }
    }
}
