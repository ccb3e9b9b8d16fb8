using System.Diagnostics.CodeAnalysis;
using EdgeGateway.Uplink.Commands;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>Records the times the system clock would be set to, and steps the test's clock; or refuses like EPERM.</summary>
internal sealed class RecordingClockSetter(FakeTimeProvider time) : ISystemClockSetter
{
    public List<DateTimeOffset> Calls { get; } = [];

    /// <summary>When set, every call fails with it (as without CAP_SYS_TIME).</summary>
    public string? Failure { get; set; }

    public bool TrySet(DateTimeOffset utc, [NotNullWhen(false)] out string? error)
    {
        Calls.Add(utc);
        error = Failure;
        if (error is not null)
        {
            return false;
        }

        time.AdjustTime(utc);
        return true;
    }
}
