using EdgeGateway.FieldBus.Commands;
using EdgeGateway.Pipeline.Alarms;

namespace EdgeGateway.DataFlow.Tests.Alarms;

/// <summary>A sampler that gives the answers of its script in order, one per request, and counts the requests.</summary>
internal sealed class ScriptedSampleRetainer(params SampleRetentionOutcome[] answers) : ISampleRetainer
{
    private int _asked;

    public int Asked => Volatile.Read(ref _asked);

    public Task<SampleRetentionOutcome> RetainAsync(string device, CancellationToken cancellationToken)
    {
        var index = Interlocked.Increment(ref _asked) - 1;
        if (index >= answers.Length)
        {
            throw new InvalidOperationException($"asked {index + 1} times, the script has {answers.Length} answers");
        }

        return Task.FromResult(answers[index]);
    }
}
