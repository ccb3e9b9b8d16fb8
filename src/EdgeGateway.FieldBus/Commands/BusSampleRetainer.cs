using EdgeGateway.FieldBus.Polling;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.FieldBus.Commands;

/// <summary>
/// Sends a sampler's <c>retainSample</c> profile command through its bus's queue (between poll cycles, never
/// colliding with polling) and reads back the bottle: the profile's result named <c>vaseNo</c>, else its only one.
/// </summary>
public sealed class BusSampleRetainer(IReadOnlyList<BusPoller> buses) : ISampleRetainer
{
    /// <summary>The profile command a sampler declares for "retain a sample".</summary>
    public const string CommandName = "retainSample";

    /// <summary>The polled devices whose profile declares <see cref="CommandName"/>: the gateway's samplers.</summary>
    public IReadOnlyList<string> Samplers { get; } =
        [.. buses.SelectMany(bus => bus.Devices).Where(device => device.Profile.Commands.ContainsKey(CommandName)).Select(device => device.Name)];

    public async Task<SampleRetentionOutcome> RetainAsync(string device, CancellationToken cancellationToken)
    {
        var (bus, polled) = BusDeviceLookup.Find(buses, device);
        if (bus is null || polled is null)
        {
            return new SampleRetentionOutcome(false, null, $"device '{device}' is not polled by this gateway");
        }

        if (!polled.Profile.Commands.TryGetValue(CommandName, out var command))
        {
            return new SampleRetentionOutcome(false, null, $"profile {polled.Profile.Model} of {device} declares no '{CommandName}' command");
        }

        var done = await bus.SubmitAsync(exchange => ProfileCommandExecutor.Execute(exchange, polled.UnitId, command), cancellationToken).ConfigureAwait(false);
        return OutcomeOf(command, done);
    }

    /// <summary>
    /// What a retainSample command's run means for the sample, whoever ran it (an exceedance, the platform, a
    /// technician's <c>egw analyzer</c>): retained once the sampler acknowledged the write, with the bottle it reports
    /// (the result named <c>vaseNo</c>, else the only one) when the read-back answered.
    /// </summary>
    public static SampleRetentionOutcome OutcomeOf(ProfileCommand command, ProfileCommandOutcome done)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(done);
        var written = ProfileCommandExecutor.Describe(command);
        if (!done.Written)
        {
            return new SampleRetentionOutcome(false, null, $"{written}: {done.Outcome}", IsWorthRetrying(done.Outcome));
        }

        if (!done.Outcome.IsSuccess)
        {
            // The sampler took the command: a sample is kept, only its bottle is not known. Asking again would fill another.
            return new SampleRetentionOutcome(true, null, $"{written}; the bottle was not read back: {done.Outcome}");
        }

        var bottle = done.Results.TryGetValue("vaseNo", out var named) ? named
            : done.Results.Count == 1 ? done.Results.Values.Single()
            : (double?)null;
        int? vaseNo = bottle is { } value && double.IsFinite(value) ? (int)Math.Round(value) : null;
        return new SampleRetentionOutcome(true, vaseNo, written);
    }

    // No answer, a garbled one, a lost port, or "busy" (06) and a serial server's "target did not respond" (0A, 0B):
    // the sampler may well take the command next time. Any other exception answer is a refusal that would repeat.
    private static bool IsWorthRetrying(ModbusResult result) => result.Error switch
    {
        ModbusErrorKind.Timeout or ModbusErrorKind.Crc or ModbusErrorKind.Mismatch or ModbusErrorKind.Transport => true,
        ModbusErrorKind.Exception => result.ExceptionCode is ModbusExceptionCode.ServerDeviceBusy or ModbusExceptionCode.GatewayPathUnavailable or ModbusExceptionCode.GatewayTargetDeviceFailedToRespond,
        _ => false,
    };
}
