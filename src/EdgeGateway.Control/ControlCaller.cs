namespace EdgeGateway.Control;

/// <summary>Who is on the other end of a control connection, as the kernel says (SO_PEERCRED): for the audit trail.</summary>
public readonly record struct ControlCaller(int ProcessId, uint UserId, uint GroupId);
