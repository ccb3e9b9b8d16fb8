using EdgeGateway.FieldBus.Commands;
using EdgeGateway.Pipeline.Alarms;

namespace EdgeGateway.DataFlow.Tests.Alarms;

/// <summary>A sampler that records what it was asked and answers as told: a bottle number, a refusal, or not yet.</summary>
internal sealed class RecordingSampleRetainer : ISampleRetainer
{
    private TaskCompletionSource<SampleRetentionOutcome>? _pending;

    public List<string> Asked { get; } = [];

    /// <summary>The next answer; null leaves the request unanswered until <see cref="Answer"/>.</summary>
    public SampleRetentionOutcome? Next { get; set; } = new(true, 1, "holding 100 = 1");

    public Task<SampleRetentionOutcome> RetainAsync(string device, CancellationToken cancellationToken)
    {
        Asked.Add(device);
        if (Next is { } outcome)
        {
            return Task.FromResult(outcome);
        }

        _pending = new TaskCompletionSource<SampleRetentionOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        cancellationToken.Register(() => _pending.TrySetCanceled(cancellationToken));
        return _pending.Task;
    }

    public void Answer(SampleRetentionOutcome outcome) => _pending!.SetResult(outcome);
}
