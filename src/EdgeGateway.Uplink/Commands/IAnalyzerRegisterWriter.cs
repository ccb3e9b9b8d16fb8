namespace EdgeGateway.Uplink.Commands;

/// <summary>
/// Writes to an analyzer for <c>write-register</c>, when <see cref="PlatformCommandOptions.AllowAnalyzerWrites"/> is on.
/// The host implements it by queueing the write on the device's bus thread (a bus carries one transaction at a time).
/// </summary>
public interface IAnalyzerRegisterWriter
{
    /// <summary>Writes and waits for the analyzer's answer. Expected failures are results, not exceptions.</summary>
    Task<AnalyzerWriteResult> WriteAsync(AnalyzerRegisterWrite write, CancellationToken cancellationToken);
}
