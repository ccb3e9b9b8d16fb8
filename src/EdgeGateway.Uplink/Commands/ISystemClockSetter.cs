using System.Diagnostics.CodeAnalysis;

namespace EdgeGateway.Uplink.Commands;

/// <summary>
/// Sets the operating system's clock for <c>set-time</c>. The host wires <see cref="LinuxSystemClockSetter"/>; tests use
/// a fake and never touch the machine's clock.
/// </summary>
public interface ISystemClockSetter
{
    /// <summary>Steps the system clock to <paramref name="utc"/>; false with a reason a technician can act on when it could not.</summary>
    bool TrySet(DateTimeOffset utc, [NotNullWhen(false)] out string? error);
}
