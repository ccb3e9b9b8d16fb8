using EdgeGateway.Control.Contract.Analyzer;

namespace EdgeGateway.Control.Analyzer;

/// <summary>What <see cref="AnalyzerCommandHandler.RunAsync"/> did: the status, a sentence for the caller, and the result once started.</summary>
public sealed record AnalyzerRoutineOutcome(AnalyzerRoutineStatus Status, string Message, AnalyzerRoutineResult? Result = null);
