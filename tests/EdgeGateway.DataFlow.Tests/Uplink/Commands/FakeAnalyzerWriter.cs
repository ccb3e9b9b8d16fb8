using EdgeGateway.Uplink.Commands;

namespace EdgeGateway.DataFlow.Tests.Uplink.Commands;

/// <summary>Records writes; answers with the result the test sets, or never (to test the timeout).</summary>
internal sealed class FakeAnalyzerWriter : IAnalyzerRegisterWriter
{
    private readonly List<AnalyzerRegisterWrite> _writes = [];

    public AnalyzerWriteResult Result { get; set; } = AnalyzerWriteResult.Success;

    public bool NeverAnswers { get; set; }

    public IReadOnlyList<AnalyzerRegisterWrite> Writes => _writes;

    public async Task<AnalyzerWriteResult> WriteAsync(AnalyzerRegisterWrite write, CancellationToken cancellationToken)
    {
        _writes.Add(write);
        if (NeverAnswers)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return Result;
    }
}
