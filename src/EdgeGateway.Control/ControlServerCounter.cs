namespace EdgeGateway.Control;

/// <summary>The counts a <see cref="ControlServer"/> keeps.</summary>
public enum ControlServerCounter
{
    Connections,
    Requests,
    Errors,
    Dropped,
}
