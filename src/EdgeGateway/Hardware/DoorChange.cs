namespace EdgeGateway.Hardware;

/// <summary>A settled state of the cabinet door.</summary>
/// <param name="Open">True: the door is open.</param>
/// <param name="At">When it changed: the first edge of the settled change (or, at start, when the input was read).</param>
/// <param name="AtStart">The state read when the switch started, not a change seen while running.</param>
internal sealed record DoorChange(bool Open, DateTimeOffset At, bool AtStart);
