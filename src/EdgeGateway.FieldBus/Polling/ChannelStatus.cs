namespace EdgeGateway.FieldBus.Polling;

/// <summary>What the analyzer's own status words say about a channel at the time of a reading.</summary>
[Flags]
public enum ChannelStatus
{
    Normal = 0,
    Maintenance = 1,
    Calibration = 2,
    Fault = 4,
    Stopped = 8,
}
