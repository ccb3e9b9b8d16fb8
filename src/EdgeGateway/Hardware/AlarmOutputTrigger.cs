namespace EdgeGateway.Hardware;

/// <summary>Which active alarms switch the alarm output on (<c>hardware.alarmOutput.on</c>).</summary>
internal enum AlarmOutputTrigger
{
    /// <summary>Only an exceedance of a limit: the beacon means the permit is broken now.</summary>
    Exceedance,

    /// <summary>An exceedance or a pre-warning: the beacon also warns before the limit is passed.</summary>
    Any,
}
