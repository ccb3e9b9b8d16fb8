using System.Collections.Concurrent;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Uplink.Platforms;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

/// <summary>
/// Device commands that end with <see cref="Result"/> and record who asked what; a 1012 that succeeds steps
/// <see cref="Clock"/> (the link's fake clock) as the service's clock setter steps the system clock.
/// </summary>
internal sealed class ScriptedDeviceCommands(FakeTimeProvider clock) : IPlatformDeviceCommands
{
    public FakeTimeProvider Clock => clock;

    public PlatformCommandResult Result { get; set; } = new(Hj212ExeRtn.Success, "done");

    public ConcurrentQueue<string> Calls { get; } = new();

    public ValueTask<PlatformCommandResult> SetTimeAsync(PlatformCaller caller, string? polId, DateTimeOffset utc, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"time {polId} {utc:O} by {caller.AuditName}");
        if (Result.Succeeded)
        {
            clock.SetUtcNow(utc);
        }

        return ValueTask.FromResult(Result);
    }

    public ValueTask<PlatformCommandResult> RunRoutineAsync(PlatformCaller caller, string polId, PlatformRoutine routine, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"routine {polId} {routine} by {caller.AuditName}");
        return ValueTask.FromResult(Result);
    }

    public ValueTask<PlatformSampleResult> RetainSampleAsync(PlatformCaller caller, string? polId, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"sample {polId} by {caller.AuditName}");
        return ValueTask.FromResult(new PlatformSampleResult(Result, Result.Succeeded ? 4 : null, Result.Succeeded ? clock.GetUtcNow() : null));
    }

    public ValueTask<PlatformInformationResult> GetInformationAsync(PlatformCaller caller, string polId, string? infoId, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"information {polId} {infoId} by {caller.AuditName}");
        return ValueTask.FromResult(new PlatformInformationResult(Result, [new KeyValuePair<string, string>(infoId is null ? polId + "-SN" : infoId + "-Info", "zero check passed at 16:00")]));
    }

    public ValueTask<PlatformCommandResult> SetInformationAsync(PlatformCaller caller, string polId, string infoId, string value, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"set {polId} {infoId}={value} by {caller.AuditName}");
        return ValueTask.FromResult(Result);
    }
}
