using System.Diagnostics.CodeAnalysis;

namespace EdgeGateway.Uplink.Commands;

/// <summary>
/// The real-time data interval (HJ 212 RtdInterval, CN 1061/1062) for <c>get-rt-interval</c> and <c>set-rt-interval</c>.
/// <see cref="BusPollerIntervalControl"/> maps it to the poll interval of the buses' devices.
/// </summary>
public interface IRealTimeIntervalControl
{
    /// <summary>The interval now.</summary>
    TimeSpan Current { get; }

    /// <summary>Changes it from the next cycle on; false with the reason when the value is refused or could not be applied.</summary>
    bool TrySet(TimeSpan interval, [NotNullWhen(false)] out string? error);
}
