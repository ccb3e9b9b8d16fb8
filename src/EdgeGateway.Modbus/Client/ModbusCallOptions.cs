namespace EdgeGateway.Modbus.Client;

/// <summary>Per-call overrides of the master's timeout and retries (a device's own settings).</summary>
public readonly record struct ModbusCallOptions(TimeSpan Timeout, int Retries);
