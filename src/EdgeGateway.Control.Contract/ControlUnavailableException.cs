namespace EdgeGateway.Control.Contract;

/// <summary>The control socket cannot be reached (service not running, permission denied) or stopped answering.</summary>
public sealed class ControlUnavailableException(string message, bool permissionDenied = false) : Exception(message)
{
    /// <summary>
    /// The service may well run, but this user may not connect to its socket: unlike a missing service, a reason for
    /// <c>egw</c> not to fall back to opening the port itself, which the service may be using.
    /// </summary>
    public bool PermissionDenied { get; } = permissionDenied;
}
