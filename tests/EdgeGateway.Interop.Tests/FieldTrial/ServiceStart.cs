namespace EdgeGateway.Interop.Tests.FieldTrial;

/// <summary>One start of the service in the trial's log: why, when (faked timeline), whether it got ready, how it ended.</summary>
internal sealed record ServiceStart(int Number, string Purpose, DateTimeOffset StartedAt)
{
    /// <summary>When READY=1 arrived; null when it never did.</summary>
    public DateTimeOffset? ReadyAt { get; set; }

    /// <summary>When the process ended (or was ended); null while it runs.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    public int? ExitCode { get; set; }

    /// <summary>"SIGTERM (clean stop)", "SIGKILL", "exited by itself", ...</summary>
    public string? Ending { get; set; }

    /// <summary>The last lines the process printed, kept for failed starts and unplanned exits.</summary>
    public string? OutputTail { get; set; }

    /// <summary>A start expected to be refused (the second instance); it must not become ready.</summary>
    public bool ExpectRefusal { get; init; }

    public override string ToString() =>
        $"start #{Number} ({Purpose}) at {StartedAt:HH:mm:ss.f}: " + (ReadyAt is { } ready ? $"ready after {(ready - StartedAt).TotalSeconds:0.0} s" : "NEVER READY")
        + (EndedAt is { } ended ? $", ended at {ended:HH:mm:ss.f} by {Ending}, exit code {ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}" : ", running");
}
