namespace EdgeGateway.Control.Analyzer;

/// <summary>How a request to start an analyzer routine ended.</summary>
public enum AnalyzerRoutineStatus
{
    /// <summary>The analyzer took the command; its channels are flagged as the routine's meaning says.</summary>
    Started,

    /// <summary>Nothing was written: no such channel, device not polled, or its profile declares no such command.</summary>
    Refused,

    /// <summary>The device's bus could not take the command now (it is stopping or its queue is full).</summary>
    Busy,

    /// <summary>The command was sent but the analyzer did not take it (no answer, an exception answer); audited.</summary>
    Failed,
}
