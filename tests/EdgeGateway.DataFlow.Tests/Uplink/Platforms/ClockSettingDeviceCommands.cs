using EdgeGateway.Hj212.Codes;
using EdgeGateway.Uplink.Platforms;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

/// <summary>Device commands whose 1012 sets the test's clock (the gateway's clock, as the service's steps the system clock); the rest are not supported.</summary>
internal sealed class ClockSettingDeviceCommands(FakeTimeProvider clock) : IPlatformDeviceCommands
{
    private static readonly PlatformCommandResult NotSupported = new(Hj212ExeRtn.Failed, "not supported here");

    public int ClockSettings { get; private set; }

    public ValueTask<PlatformCommandResult> SetTimeAsync(PlatformCaller caller, string? polId, DateTimeOffset utc, CancellationToken cancellationToken)
    {
        // A fake clock only goes forward; the tests set it ahead.
        clock.SetUtcNow(utc);
        ClockSettings++;
        return ValueTask.FromResult(new PlatformCommandResult(Hj212ExeRtn.Success, "clock set"));
    }

    public ValueTask<PlatformCommandResult> RunRoutineAsync(PlatformCaller caller, string polId, PlatformRoutine routine, CancellationToken cancellationToken) =>
        ValueTask.FromResult(NotSupported);

    public ValueTask<PlatformSampleResult> RetainSampleAsync(PlatformCaller caller, string? polId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new PlatformSampleResult(NotSupported, null, null));

    public ValueTask<PlatformInformationResult> GetInformationAsync(PlatformCaller caller, string polId, string? infoId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new PlatformInformationResult(NotSupported, []));

    public ValueTask<PlatformCommandResult> SetInformationAsync(PlatformCaller caller, string polId, string infoId, string value, CancellationToken cancellationToken) =>
        ValueTask.FromResult(NotSupported);
}
