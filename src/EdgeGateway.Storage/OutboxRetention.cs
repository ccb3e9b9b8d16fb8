namespace EdgeGateway.Storage;

/// <summary>
/// How long acknowledged records stay in the outbox for history requests (re-send of a time range), per kind.
/// Unacknowledged records are never deleted by retention, only by the size cap (announced).
/// </summary>
/// <remarks>
/// The defaults follow common data-logger practice (days of real-time data, months of minute data, a year or more of
/// hour and day data) and are meant to be set per site. The size cap (<see cref="SqliteOutboxOptions.MaxBytes"/>)
/// wins over retention: at about 33 bytes a reading on disk, a 1 GiB cap holds about 3.5 days of 100 channels at 1 Hz
/// (with their minute records).
/// </remarks>
public sealed record OutboxRetention
{
    public TimeSpan RealTime { get; init; } = TimeSpan.FromDays(7);

    public TimeSpan Minute { get; init; } = TimeSpan.FromDays(90);

    public TimeSpan Hour { get; init; } = TimeSpan.FromDays(400);

    public TimeSpan Day { get; init; } = TimeSpan.FromDays(3_660);

    public TimeSpan Events { get; init; } = TimeSpan.FromDays(400);

    public TimeSpan For(OutboxRecordKind kind) => kind switch
    {
        OutboxRecordKind.Reading => RealTime,
        OutboxRecordKind.MinuteRecord => Minute,
        OutboxRecordKind.HourRecord => Hour,
        OutboxRecordKind.DayRecord => Day,
        OutboxRecordKind.Event => Events,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an outbox record kind"),
    };
}
