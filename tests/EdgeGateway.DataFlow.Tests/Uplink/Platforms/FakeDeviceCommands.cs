using System.Collections.Concurrent;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

/// <summary>Device commands that succeed and record what they were asked.</summary>
internal sealed class FakeDeviceCommands : IPlatformDeviceCommands
{
    private static readonly PlatformCommandResult Ok = new(Hj212ExeRtn.Success, "done");

    public ConcurrentQueue<string> Calls { get; } = new();

    public ValueTask<PlatformCommandResult> SetTimeAsync(PlatformCaller caller, string? polId, DateTimeOffset utc, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"time {polId} {utc:O} by {caller.AuditName}");
        return ValueTask.FromResult(Ok);
    }

    public ValueTask<PlatformCommandResult> RunRoutineAsync(PlatformCaller caller, string polId, PlatformRoutine routine, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"routine {polId} {routine}");
        return ValueTask.FromResult(Ok);
    }

    public ValueTask<PlatformSampleResult> RetainSampleAsync(PlatformCaller caller, string? polId, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"sample {polId}");
        return ValueTask.FromResult(new PlatformSampleResult(Ok, 3, PlatformTestKit.Start));
    }

    public ValueTask<PlatformInformationResult> GetInformationAsync(PlatformCaller caller, string polId, string? infoId, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"information {polId} {infoId}");
        return ValueTask.FromResult(new PlatformInformationResult(Ok, [new KeyValuePair<string, string>(polId + "-SN", "SN123")]));
    }

    public ValueTask<PlatformCommandResult> SetInformationAsync(PlatformCaller caller, string polId, string infoId, string value, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"set {polId} {infoId}={value}");
        return ValueTask.FromResult(Ok);
    }
}
