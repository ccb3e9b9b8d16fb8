namespace EdgeGateway.Uplink.Commands;

/// <summary>How a <see cref="IAnalyzerRegisterWriter"/> write ended.</summary>
/// <param name="Succeeded">The analyzer confirmed the write.</param>
/// <param name="Error">Why not (no such device, exception answer, no answer), in words; null on success.</param>
public sealed record AnalyzerWriteResult(bool Succeeded, string? Error)
{
    public static AnalyzerWriteResult Success { get; } = new(true, null);

    public static AnalyzerWriteResult Failure(string error) => new(false, error);
}
