using EdgeGateway.Control;
using EdgeGateway.Control.Contract;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Pipeline.Aggregation.State;
using EdgeGateway.Pipeline.Alarms;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Primitives.StateFiles;
using EdgeGateway.Storage;
using Microsoft.Extensions.Time.Testing;
using static EdgeGateway.DataFlow.Tests.Aggregation.TestSite;
using static EdgeGateway.DataFlow.Tests.Storage.StorageTestData;

namespace EdgeGateway.DataFlow.Tests.Storage;

/// <summary>
/// Issue 14, defect 2: nothing the service writes may end it when the disk cannot take it. A file that cannot be
/// written is simulated by a state directory whose path runs through a regular file (ENOTDIR, even as root), which
/// the test then removes, as freeing space does.
/// </summary>
public sealed class FullDiskStateTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>A state directory that cannot be written until <see cref="Unblock"/>.</summary>
    private string Blocked
    {
        get
        {
            File.WriteAllText(_directory.File("blocked"), "a file where the state directory should be");
            return Path.Combine(_directory.File("blocked"), "state");
        }
    }

    private void Unblock() => File.Delete(_directory.File("blocked"));

    [Fact]
    public void Full_disk_at_the_aggregation_state_save_is_counted_kept_and_retried_instead_of_ending_the_consumer()
    {
        var writer = new StateFileWriter(Path.Combine(Blocked, "aggregation-state.json"));
        var stage = new AggregationStage(Create(FlueGas()), [], new AggregationStateFile(writer), T0, TimeSpan.FromMinutes(1));

        stage.Tick(T0.AddMinutes(1)); // the save on tick, which threw into the ring consumer before

        var failed = writer.Status;
        Assert.Equal(1, failed.Failures);
        Assert.True(failed.Pending);
        Assert.NotNull(failed.LastError);

        Unblock();
        Assert.True(writer.RetryPending());
        Assert.False(writer.Status.Pending);
        Assert.NotNull(new AggregationStateFile(writer.Path).Load());
        Assert.False(File.Exists(writer.Path + ".tmp"));
    }

    [Fact]
    public void Full_disk_audit_lines_wait_in_memory_in_order_and_go_in_with_the_next_append()
    {
        var audit = new AuditTrail(new StateFileWriter(Path.Combine(Blocked, "audit.log")));

        Assert.False(audit.Append(Entry("alice")));
        Assert.False(audit.Append(Entry("bob")));
        Unblock();
        Directory.CreateDirectory(Path.GetDirectoryName(audit.Path)!);
        Assert.True(audit.Append(Entry("carol")));

        Assert.Equal(["alice", "bob", "carol"], audit.Read(DateTimeOffset.MinValue).Select(entry => entry.User));
    }

    [Fact]
    public void Full_disk_alarm_file_is_written_by_the_state_files_retry_on_a_tick_without_a_new_change()
    {
        var files = new StateFiles(new FakeTimeProvider(T0));
        var alarms = new AlarmStateFile(files.Writer(Path.Combine(Blocked, "alarms.json")));

        Assert.False(alarms.Save([]));
        Assert.Contains(files.Statuses(), status => status.Pending && status.Failures == 1);

        Unblock();
        Directory.CreateDirectory(Path.GetDirectoryName(alarms.Path)!);
        files.Tick(T0 + StateFiles.RetryInterval);

        Assert.True(File.Exists(alarms.Path));
        Assert.All(files.Statuses(), status => Assert.False(status.Pending));
    }

    [Fact]
    public void Full_disk_at_start_the_outbox_opens_later_and_the_held_readings_go_in_with_a_storage_failure_event()
    {
        var time = new FakeTimeProvider(T0);
        using var outbox = new DeferredSqliteOutbox(new SqliteOutboxOptions { Path = Path.Combine(Blocked, "outbox.db"), Time = time });
        var appender = new OutboxAppender(outbox, new OutboxAppenderOptions { Time = time });
        Assert.NotNull(outbox.OpenProblem);

        appender.Handle(Readings(100, T0));
        time.Advance(TimeSpan.FromSeconds(1));
        appender.Handle(Readings(100, T0, firstIndex: 100));
        Assert.True(appender.Statistics.StorageFailing);
        Assert.Equal(200, appender.Statistics.ReadingsHeld);

        Unblock();
        time.Advance(DeferredSqliteOutbox.OpenRetryInterval);
        appender.Tick(time.GetUtcNow());

        Assert.Null(outbox.OpenProblem);
        Assert.False(appender.Statistics.StorageFailing);
        var entries = outbox.Current!.Read(0, 1_000);
        Assert.Equal(Range(1, 201), entries.Select(entry => entry.Sequence));
        var announcement = Assert.IsType<OutboxEvent>(entries[^1]);
        Assert.Equal(GatewayEventKind.StorageFailure, announcement.Event.Kind);
    }

    [Fact]
    public void A_second_lock_on_the_same_data_directory_is_refused_naming_the_holder_PID()
    {
        Assert.True(DataDirectoryLock.TryAcquire(_directory.Path, "storage.directory in the test", out var first, out var error), error);
        using (first)
        {
            Assert.False(DataDirectoryLock.TryAcquire(_directory.Path, "storage.directory in the test", out var second, out var refused));
            Assert.Null(second);
            Assert.Contains($"PID {Environment.ProcessId}", refused, StringComparison.Ordinal);
        }

        Assert.True(DataDirectoryLock.TryAcquire(_directory.Path, "storage.directory in the test", out var again, out error), error);
        again!.Dispose();
    }

    private static AuditEntry Entry(string user) => new(T0, 1000, user, "maintenance-start", "device dust", "filter change", "none", "maintenance until 2026-03-01T10:00:00Z");
}
