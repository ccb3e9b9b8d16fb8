using EdgeGateway.Configuration.Documents;
using EdgeGateway.Storage;

namespace EdgeGateway.Configuration;

/// <summary>The <c>storage</c> section: the outbox's file, durability, size and retention.</summary>
internal sealed class StorageSettingsResolver(ConfigErrorCollector errors)
{
    private readonly ConfigErrorCollector _errors = errors;

    public SqliteOutboxOptions? Outbox(StorageDocument storage, string directory)
    {
        var synchronous = _errors.Choice(storage.Synchronous, "storage:synchronous", OutboxSynchronous.Normal, ("normal", OutboxSynchronous.Normal), ("full", OutboxSynchronous.Full));
        long maxBytes = 1L << 30;
        if (storage.MaxSize is not null && !ConfigValues.TryParseSize(storage.MaxSize, out maxBytes))
        {
            _errors.Error("storage:maxSize", $"'{storage.MaxSize}' is not {ConfigValues.SizeHint}");
            maxBytes = 1L << 30;
        }
        else if (maxBytes < 16L << 20)
        {
            _errors.Error("storage:maxSize", $"{storage.MaxSize} is below the minimum of 16MiB");
        }

        var retention = storage.Retention ?? new RetentionDocument();
        var defaults = new OutboxRetention();
        var oneDay = TimeSpan.FromDays(1);
        var tenYears = TimeSpan.FromDays(3_660 * 2);
        return new SqliteOutboxOptions
        {
            Path = Path.Combine(directory, "outbox.db"),
            Synchronous = synchronous,
            MaxBytes = maxBytes,
            Retention = new OutboxRetention
            {
                RealTime = _errors.Duration(retention.RealTime, "storage:retention:realTime", defaults.RealTime, TimeSpan.FromHours(1), tenYears),
                Minute = _errors.Duration(retention.Minute, "storage:retention:minute", defaults.Minute, oneDay, tenYears),
                Hour = _errors.Duration(retention.Hour, "storage:retention:hour", defaults.Hour, oneDay, tenYears),
                Day = _errors.Duration(retention.Day, "storage:retention:day", defaults.Day, oneDay, tenYears),
                Events = _errors.Duration(retention.Events, "storage:retention:events", defaults.Events, oneDay, tenYears),
            },
        };
    }
}
