namespace EdgeGateway.Uplink.Commands;

/// <summary>Finds out whether the gateway's clock is kept by NTP; a seam so tests need no real clock.</summary>
public interface IClockStatusProbe
{
    /// <summary>Looks now (cheap: a system call or a file check, no network). Never throws.</summary>
    ClockStatus Probe();
}
