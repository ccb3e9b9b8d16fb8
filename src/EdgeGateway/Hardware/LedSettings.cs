namespace EdgeGateway.Hardware;

/// <summary>Status LED pins (BCM numbers); null: no such LED.</summary>
internal sealed record LedSettings(int? Run, int? Uplink, int? Bus, bool ActiveLow);
