using System.Globalization;
using System.Runtime.CompilerServices;
using EdgeGateway.Storage;
using static EdgeGateway.DataFlow.Tests.Storage.StorageTestData;

namespace EdgeGateway.DataFlow.Tests.Storage;

/// <summary>
/// The child process of the kill -9 test: this test assembly started again (<c>dotnet exec</c>) with
/// <see cref="DatabaseVariable"/> set. A module initializer runs before xunit's generated entry point, so the child
/// never becomes a test run: it appends batches to the outbox and prints <c>committed N</c> after each commit returns,
/// until it is killed (or gives up after <see cref="GiveUpAfter"/>, should the parent die first).
/// </summary>
internal static class OutboxCrashChild
{
    public const string DatabaseVariable = "EGW_OUTBOX_CRASH_CHILD_DATABASE";
    public const string SynchronousVariable = "EGW_OUTBOX_CRASH_CHILD_SYNCHRONOUS";
    public const string CommittedPrefix = "committed ";

    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

#pragma warning disable CA2255 // Intended: the test assembly doubles as the crash child, and xunit owns Main.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RunWhenStartedAsChild()
    {
        var database = Environment.GetEnvironmentVariable(DatabaseVariable);
        if (string.IsNullOrEmpty(database))
        {
            return;
        }

        var synchronous = Enum.Parse<OutboxSynchronous>(Environment.GetEnvironmentVariable(SynchronousVariable) ?? nameof(OutboxSynchronous.Normal));
        using var outbox = SqliteOutbox.Open(new SqliteOutboxOptions { Path = database, Synchronous = synchronous });
        var stdout = Console.Out;
        var started = DateTime.UtcNow;
        var index = 0;
        for (var batch = 0; DateTime.UtcNow - started < GiveUpAfter; batch++)
        {
            var size = 1 + (batch * 37 % 400); // 1 to 400 readings: transactions of every size
            var result = outbox.Append(Readings(size, T0, firstIndex: index), [], batch % 10 == 0 ? [Event(T0.AddSeconds(index / 100))] : []);
            index += size;
            stdout.WriteLine(CommittedPrefix + result.LastSequence.ToString(CultureInfo.InvariantCulture));
            stdout.Flush();
        }

        Environment.Exit(3);
    }
}
