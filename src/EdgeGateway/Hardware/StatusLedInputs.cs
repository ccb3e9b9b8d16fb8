namespace EdgeGateway.Hardware;

/// <summary>The gateway's state the status LEDs show.</summary>
/// <param name="Healthy">Every loop runs (the systemd watchdog's view: <see cref="Hosting.Health.GatewayHealthProbe.Problem"/>).</param>
internal sealed record StatusLedInputs(bool Healthy, UplinkCondition Uplink, BusCondition Bus);
