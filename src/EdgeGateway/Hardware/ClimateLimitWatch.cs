namespace EdgeGateway.Hardware;

/// <summary>
/// One climate limit with hysteresis: crossing above the limit raises once, and it clears only once the value is back
/// below the limit minus the hysteresis, so a cabinet hovering at the limit does not send an event every reading.
/// </summary>
/// <param name="limit">Alarm above this value.</param>
/// <param name="hysteresis">How far below the limit the value must fall to clear.</param>
internal sealed class ClimateLimitWatch(double limit, double hysteresis)
{
    public double Limit { get; } = limit;

    public double Hysteresis { get; } = hysteresis;

    /// <summary>True while above the limit (and not yet cleared).</summary>
    public bool IsRaised { get; private set; }

    /// <summary>Takes a value; true when the alarm state changed (read <see cref="IsRaised"/> for which way).</summary>
    public bool Update(double value)
    {
        if (!double.IsFinite(value))
        {
            // No value says nothing about the cabinet: keep the state (the reading itself is flagged B).
            return false;
        }

        var raised = IsRaised ? value > Limit - Hysteresis : value > Limit;
        if (raised == IsRaised)
        {
            return false;
        }

        IsRaised = raised;
        return true;
    }
}
