namespace EdgeGateway.Interop.Tests.Peers;

/// <summary>The outcome of one mbpoll run.</summary>
/// <param name="ExitCode">mbpoll's exit code; -1 when it was killed at the timeout.</param>
/// <param name="TimedOut">True when mbpoll did not finish in time and was killed.</param>
/// <param name="OutputLines">Standard output, line by line.</param>
/// <param name="ErrorOutput">Standard error (e.g. "Read output (holding) register failed: Connection timed out").</param>
/// <param name="Readings">The parsed <c>[ref]: value</c> lines, in output order.</param>
public sealed record MbpollResult(int ExitCode, bool TimedOut, IReadOnlyList<string> OutputLines, string ErrorOutput, IReadOnlyList<MbpollReading> Readings)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>Just the values, in reference order, for a compact assertion.</summary>
    public IReadOnlyList<string> Values => Readings.OrderBy(reading => reading.Reference).Select(reading => reading.Value).ToArray();

    /// <summary>For assertion messages: exit code, stderr and the end of stdout (after mbpoll's banner).</summary>
    public override string ToString()
    {
        const int shownLines = 30;
        IEnumerable<string> tail = OutputLines.Count > shownLines ? ["…", .. OutputLines.Skip(OutputLines.Count - shownLines)] : OutputLines;
        return $"mbpoll exit {ExitCode}{(TimedOut ? " (timed out)" : string.Empty)}; stderr: {ErrorOutput.Trim()}; stdout: {string.Join(" | ", tail)}";
    }
}
