using EdgeGateway.Core.Alarms;
using EdgeGateway.Core.FieldBus.Polling;

namespace EdgeGateway.Core.FieldBus.Commands;

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

        var written = ProfileCommandExecutor.Describe(command);
        var done = await bus.SubmitAsync(exchange => ProfileCommandExecutor.Execute(exchange, polled.UnitId, command), cancellationToken).ConfigureAwait(false);
        if (!done.Outcome.IsSuccess)
        {
            // The write, or the read-back of the bottle, went wrong: which one the outcome says.
            return new SampleRetentionOutcome(false, null, $"{written}: {done.Outcome}");
        }

        var bottle = done.Results.TryGetValue("vaseNo", out var named) ? named
            : done.Results.Count == 1 ? done.Results.Values.Single()
            : (double?)null;
        int? vaseNo = bottle is { } value && double.IsFinite(value) ? (int)Math.Round(value) : null;
        return new SampleRetentionOutcome(true, vaseNo, written);
    }
}
