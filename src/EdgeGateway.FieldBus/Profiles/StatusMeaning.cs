namespace EdgeGateway.FieldBus.Profiles;

/// <summary>
/// What a status bit or status value says about the channels it covers. Each maps onto one HJ 212 data flag
/// (maintenance M, calibration C, fault D, stopped F); a state not listed in the profile means "working normally".
/// </summary>
public enum StatusMeaning
{
    Maintenance,
    Calibration,
    Fault,
    Stopped,
}
