namespace EdgeGateway.Hosting.Health;

/// <summary>The cabinet door, when its switch is configured.</summary>
/// <param name="State"><c>open</c>, <c>closed</c>, or <c>unknown</c> before the switch has been read.</param>
/// <param name="Since">When it went into that state (the first edge of the change, or when it was read at start).</param>
/// <param name="Alarm">It is open and an alarm was raised because no maintenance window was open when it opened.</param>
internal sealed record DoorHealth(string State, DateTimeOffset? Since, bool Alarm)
{
    public static DoorHealth Unknown { get; } = new("unknown", null, false);
}
