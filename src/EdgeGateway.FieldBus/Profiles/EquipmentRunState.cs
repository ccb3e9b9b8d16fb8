namespace EdgeGateway.FieldBus.Profiles;

/// <summary>
/// The state of a treatment facility (desulfurizer, dust collector, wastewater treatment) as HJ 212 writes it in
/// <c>SBxxx-RS</c> (CN 2021); the numbers are the wire values.
/// </summary>
public enum EquipmentRunState
{
    /// <summary>0: off (停运).</summary>
    Off = 0,

    /// <summary>1: running.</summary>
    Running = 1,

    /// <summary>2: calibrating.</summary>
    Calibrating = 2,

    /// <summary>3: maintenance.</summary>
    Maintenance = 3,

    /// <summary>4: alarm.</summary>
    Alarm = 4,

    /// <summary>5: blow-back (反吹).</summary>
    BlowBack = 5,
}
