using System.Text.Json;
using EdgeGateway.Control.Contract;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Storage;
using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.Platforms;

/// <summary>
/// The control command <c>platforms</c> (<c>egw platforms</c>, a line each in <c>egw status</c>): every configured
/// HJ 212 platform in the order of gateway.json, with its link's state from <see cref="IPlatformStatusSource"/> and its
/// backlog from the outbox (its own destination's cursor, so a disabled or stopped platform shows what it is owed too).
/// </summary>
internal sealed class PlatformsCommand(IReadOnlyList<PlatformOptions> platforms, IPlatformStatusSource? links, Func<string, OutboxBacklog?> backlogOf)
{
    /// <summary>What a platform without a running link says: disabled, or not started (yet) by the service.</summary>
    public const string NotStarted = "not started";

    public const string Disabled = "disabled in gateway.json";

    public ControlResponse Handle(ControlRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ControlResponse.Success(request.Id, JsonSerializer.SerializeToElement(Views(), ControlJsonContext.Default.ListPlatformLinkView));
    }

    public List<PlatformLinkView> Views()
    {
        var snapshots = (links?.Snapshot() ?? []).ToDictionary(status => status.Name, StringComparer.Ordinal);
        var views = new List<PlatformLinkView>(platforms.Count);
        foreach (var platform in platforms)
        {
            var status = snapshots.GetValueOrDefault(platform.Name) ?? new PlatformStatus
            {
                Name = platform.Name,
                Address = platform.Address,
                Edition = platform.Edition == Hj212Edition.Edition2025 ? "2025" : "2017",
                Enabled = platform.Enabled,
                NotConnectedReason = platform.Enabled ? NotStarted : Disabled,
            };

            // The outbox is the truth about what is owed; the link's own count stands when the outbox cannot be read.
            var backlog = backlogOf(PlatformDestinations.Of(platform.Name));
            views.Add(new PlatformLinkView(
                status.Name,
                status.Address,
                status.Edition,
                platform.Enabled,
                status.Connected,
                status.Connected ? null : status.NotConnectedReason ?? "not connected",
                status.ConnectedSince,
                status.LastReplyAt,
                status.PacketsSent,
                status.Resends,
                status.Unanswered,
                status.BacklogResent,
                backlog?.UnacknowledgedCount ?? status.BacklogRecords,
                backlog is { } owed ? owed.OldestTimestamp : status.OldestUnsentAt,
                status.LastHostCommand,
                status.LastHostCommandResult,
                status.LastHostCommandAt));
        }

        return views;
    }
}
