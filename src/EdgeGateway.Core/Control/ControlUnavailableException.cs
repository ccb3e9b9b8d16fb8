namespace EdgeGateway.Core.Control;

/// <summary>The control socket cannot be reached (service not running, permission denied) or stopped answering.</summary>
public sealed class ControlUnavailableException(string message) : Exception(message);
