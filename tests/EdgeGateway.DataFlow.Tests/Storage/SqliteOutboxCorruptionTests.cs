using System.Text.Json;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static EdgeGateway.DataFlow.Tests.Storage.StorageTestData;

namespace EdgeGateway.DataFlow.Tests.Storage;

/// <summary>A damaged database at start: moved aside, replaced, announced; the service starts.</summary>
public sealed class SqliteOutboxCorruptionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 30, 15, TimeSpan.Zero);

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string DatabasePath => _directory.File("outbox.db");

    private SqliteOutbox Open() => SqliteOutbox.Open(new SqliteOutboxOptions { Path = DatabasePath, Time = new FakeTimeProvider(Now) });

    [Fact]
    public void A_file_that_is_not_a_database_is_quarantined_and_the_new_store_says_so()
    {
        var garbage = new byte[8192];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(DatabasePath, garbage);

        using var outbox = Open();

        var quarantine = outbox.OpenReport.Quarantine;
        Assert.NotNull(quarantine);
        Assert.Equal(DatabasePath + ".corrupt-20260301T083015Z", quarantine.QuarantinedPath);
        Assert.Equal(garbage, File.ReadAllBytes(quarantine.QuarantinedPath));
        Assert.Null(quarantine.SalvagedLastSequence);
        Assert.Equal(outbox.StoreId, quarantine.StoreId);
        var announcement = Assert.IsType<OutboxEvent>(Assert.Single(outbox.Read(0, 10)));
        Assert.Equal(1, announcement.Sequence);
        Assert.Equal(GatewayEventKind.StoreQuarantined, announcement.Event.Kind);
        Assert.Contains("restarted at 1", announcement.Event.Text, StringComparison.Ordinal);
        Assert.Equal(new OutboxAppendResult(2, 11), outbox.Append(Readings(10, T0), [], []));
    }

    [Fact]
    public void A_damaged_page_is_found_by_quick_check_and_numbering_continues_after_the_salvaged_sequence()
    {
        Guid previousStoreId;
        using (var outbox = Open())
        {
            for (var index = 0; index < 20_000; index += 1_000)
            {
                outbox.Append(Readings(1_000, T0, firstIndex: index), [], []);
            }

            previousStoreId = outbox.StoreId;
        }

        // A leaf page of the readings table, in the middle of the file (the schema and meta pages come first).
        using (var file = new FileStream(DatabasePath, FileMode.Open, FileAccess.ReadWrite))
        {
            var pages = file.Length / 4096;
            file.Position = pages / 2 * 4096;
            file.Write(Enumerable.Repeat((byte)0xFF, 4096).ToArray());
        }

        using (var outbox = Open())
        {
            var quarantine = outbox.OpenReport.Quarantine;
            Assert.NotNull(quarantine);
            // Either quick_check lists the damage or SQLite stops it with SQLITE_CORRUPT ("malformed").
            Assert.True(quarantine.Reason.StartsWith("quick_check", StringComparison.Ordinal) || quarantine.Reason.Contains("malformed", StringComparison.Ordinal), quarantine.Reason);
            Assert.Equal(20_000, quarantine.SalvagedLastSequence);
            Assert.Equal(previousStoreId, quarantine.PreviousStoreId);
            Assert.NotEqual(previousStoreId, outbox.StoreId);
            Assert.Equal(20_001, outbox.LastSequence);
            Assert.Equal(20_000, outbox.AcknowledgedPrefix);
            Assert.Equal(1, outbox.GetBacklog(OutboxDestinations.Mqtt).UnacknowledgedCount);
            var announcement = Assert.IsType<OutboxEvent>(Assert.Single(outbox.Read(0, 10)));
            Assert.Equal(GatewayEventKind.StoreQuarantined, announcement.Event.Kind);
            using var detail = JsonDocument.Parse(announcement.Event.DetailJson!);
            Assert.Equal(20_000, detail.RootElement.GetProperty("salvagedLastSequence").GetInt64());
            Assert.Equal(new OutboxAppendResult(20_002, 20_011), outbox.Append(Readings(10, T0), [], []));
        }

        using (var reopened = Open())
        {
            Assert.Null(reopened.OpenReport.Quarantine);
            Assert.Equal(20_011, reopened.LastSequence);
        }
    }

    [Fact]
    public void A_database_from_a_newer_gateway_is_refused_and_left_alone()
    {
        using (var outbox = Open())
        {
            outbox.Append(Readings(10, T0), [], []);
        }

        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        var refusal = Assert.Throws<OutboxStorageException>(Open);
        Assert.Equal(OutboxFailureKind.Incompatible, refusal.Failure);
        Assert.Empty(Directory.GetFiles(_directory.Path, "*.corrupt-*"));
    }
}
