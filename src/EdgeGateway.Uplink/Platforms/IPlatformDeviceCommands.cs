namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// The host commands that act on the cabinet rather than on the platform session: the service implements them
/// (clock, analyzers' command registers, sampler, information), audited like a technician's command, with the
/// platform as the caller. The session answers 9011 before it calls them and 9012 with what they return; a command
/// the configuration does not allow (<see cref="PlatformOptions.AllowedCommands"/>) never reaches them.
/// </summary>
public interface IPlatformDeviceCommands
{
    /// <summary>1012: steps the gateway's clock to <paramref name="utc"/> (<paramref name="polId"/> names an analyzer; null: the gateway).</summary>
    ValueTask<PlatformCommandResult> SetTimeAsync(PlatformCaller caller, string? polId, DateTimeOffset utc, CancellationToken cancellationToken);

    /// <summary>3011-3013, 3024: runs the routine the profile of the device measuring <paramref name="polId"/> declares.</summary>
    ValueTask<PlatformCommandResult> RunRoutineAsync(PlatformCaller caller, string polId, PlatformRoutine routine, CancellationToken cancellationToken);

    /// <summary>3015/3022: keeps a sample (<paramref name="polId"/> picks the sampler when there are several; null: the only one).</summary>
    ValueTask<PlatformSampleResult> RetainSampleAsync(PlatformCaller caller, string? polId, CancellationToken cancellationToken);

    /// <summary>3019 (serial number, <paramref name="infoId"/> null) and 3020 (information <paramref name="infoId"/>): the items to send, empty when none.</summary>
    ValueTask<PlatformInformationResult> GetInformationAsync(PlatformCaller caller, string polId, string? infoId, CancellationToken cancellationToken);

    /// <summary>3021: sets analyzer information <paramref name="infoId"/> to <paramref name="value"/>.</summary>
    ValueTask<PlatformCommandResult> SetInformationAsync(PlatformCaller caller, string polId, string infoId, string value, CancellationToken cancellationToken);
}
