namespace EdgeGateway.Core.Alarms;

/// <summary>What happened to an alarm.</summary>
public enum AlarmChange
{
    Raised,

    /// <summary>Still active, with a higher value than when last reported.</summary>
    Updated,

    Cleared,
}
