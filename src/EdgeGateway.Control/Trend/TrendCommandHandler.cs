using System.Globalization;
using System.Text.Json;
using EdgeGateway.Control.Contract;
using EdgeGateway.Control.Contract.Trend;
using EdgeGateway.Pipeline;
using EdgeGateway.Primitives.Commands;

namespace EdgeGateway.Control.Trend;

/// <summary>
/// The control command <c>trend</c>: one channel's stored readings (default the last hour) or minute records (default
/// the last day), oldest first, thinned to at most <c>maxPoints</c> points by <see cref="TrendThinning"/>. Read-only,
/// so not audited.
/// </summary>
public sealed class TrendCommandHandler(ChannelTable channels, ITrendSource source, TimeProvider time)
{
    public const int DefaultMaxPoints = 720;
    public const int MinMaxPoints = 10;
    public const int MaxMaxPoints = 5000;

    public static readonly TimeSpan DefaultReadingsRange = TimeSpan.FromHours(1);
    public static readonly TimeSpan DefaultMinuteRange = TimeSpan.FromHours(24);

    public ControlResponse Handle(ControlRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var args = request.Args;
        var key = ControlArgs.Text(args, "channel");
        if (string.IsNullOrEmpty(key))
        {
            return ControlResponse.InvalidArgument(request, "channel (device.channel) is required");
        }

        if (!channels.TryFind(key, out var channel))
        {
            return ControlResponse.Failure(request.Id, CommandErrorCodes.NotFound, $"{request.Command}: {channels.NoSuchChannel(key)}");
        }

        var period = Present(args, "period") ? ControlArgs.Text(args, "period") : "readings";
        if (period is not ("readings" or "minute"))
        {
            return ControlResponse.InvalidArgument(request, "period is readings or minute");
        }

        var until = time.GetUtcNow();
        var since = until - (period == "readings" ? DefaultReadingsRange : DefaultMinuteRange);
        if (Present(args, "since"))
        {
            var text = ControlArgs.Text(args, "since");
            if (text is null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out since))
            {
                return ControlResponse.InvalidArgument(request, $"since '{text ?? Raw(args, "since")}' is not a date and time (ISO 8601)");
            }

            if (since >= until)
            {
                return ControlResponse.InvalidArgument(request, $"since {since:O} is not in the past");
            }
        }

        var maxPoints = DefaultMaxPoints;
        if (Present(args, "maxPoints"))
        {
            var value = args!.Value.GetProperty("maxPoints");
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out maxPoints) || maxPoints is < MinMaxPoints or > MaxMaxPoints)
            {
                return ControlResponse.InvalidArgument(request, $"maxPoints is a whole number from {MinMaxPoints} to {MaxMaxPoints}");
            }
        }

        since = since.ToUniversalTime();
        var thinning = new TrendThinning(since, until, maxPoints);
        if (period == "readings")
        {
            foreach (var reading in source.Readings(channel.Index, since, until))
            {
                thinning.Add(TrendSample.Of(reading));
            }
        }
        else
        {
            foreach (var record in source.MinuteRecords(channel.Index, since, until))
            {
                thinning.Add(TrendSample.Of(record));
            }
        }

        var result = new TrendResult(channel.Key, channel.Code, channel.Unit, period, since, until, thinning.Points());
        return ControlResponse.Success(request.Id, JsonSerializer.SerializeToElement(result, ControlJsonContext.Default.TrendResult));
    }

    private static bool Present(JsonElement? args, string name) =>
        args is { ValueKind: JsonValueKind.Object } present && present.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    private static string Raw(JsonElement? args, string name) => args!.Value.GetProperty(name).GetRawText();
}
