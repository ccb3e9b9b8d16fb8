using System.Diagnostics;
using System.Globalization;
using EdgeGateway.Storage;
using static EdgeGateway.DataFlow.Tests.Storage.StorageTestData;

namespace EdgeGateway.DataFlow.Tests.Storage;

/// <summary>
/// kill -9 in the middle of appending: every sequence the child saw committed is there after reopening, with no gap,
/// and the numbering continues from the next number.
/// </summary>
public sealed class SqliteOutboxKillTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(OutboxSynchronous.Normal)]
    [InlineData(OutboxSynchronous.Full)]
    public async Task Every_commit_seen_before_a_kill_9_is_there_after_reopening(OutboxSynchronous synchronous)
    {
        var database = _directory.File("outbox.db");
        long lastSeen = 0;
        for (var round = 0; round < 2; round++) // the second child continues the first one's numbering, then dies too
        {
            var seen = await RunChildAndKill(database, synchronous, commitsBeforeKill: 60);
            Assert.True(seen.Count >= 60, $"the child committed {seen.Count} batches");
            Assert.True(seen[0] > lastSeen, $"round {round} started at {seen[0]} after {lastSeen}");
            lastSeen = seen[^1];

            using var outbox = SqliteOutbox.Open(new SqliteOutboxOptions { Path = database, Synchronous = synchronous });
            Assert.Null(outbox.OpenReport.Quarantine);
            Assert.InRange(outbox.LastSequence, lastSeen, long.MaxValue); // a commit after the last line printed may be there too
            Assert.Equal(Range(1, outbox.LastSequence), Sequences(ReadAll(outbox, page: 5_000)));
            var next = outbox.LastSequence + 1;
            Assert.Equal(new OutboxAppendResult(next, next), outbox.Append([], [], [Event(T0)]));
            lastSeen = next;
        }
    }

    /// <summary>Starts the child, waits for enough commits, SIGKILLs it, and returns every committed sequence it printed.</summary>
    private static async Task<List<long>> RunChildAndKill(string database, OutboxSynchronous synchronous, int commitsBeforeKill)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(OutboxCrashChild).Assembly.Location);
        start.Environment[OutboxCrashChild.DatabaseVariable] = database;
        start.Environment[OutboxCrashChild.SynchronousVariable] = synchronous.ToString();

        var committed = new List<long>();
        using var child = Process.Start(start)!;
        var errors = child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using (var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            patience.CancelAfter(TimeSpan.FromSeconds(15));
            try
            {
                while (committed.Count < commitsBeforeKill && await child.StandardOutput.ReadLineAsync(patience.Token) is { } line)
                {
                    if (line.StartsWith(OutboxCrashChild.CommittedPrefix, StringComparison.Ordinal))
                    {
                        committed.Add(long.Parse(line.AsSpan(OutboxCrashChild.CommittedPrefix.Length), CultureInfo.InvariantCulture));
                    }
                }
            }
            catch (OperationCanceledException)
            {
                child.Kill();
                Assert.Fail($"the child committed {committed.Count} batches in 15 s");
            }
        }

        if (child.HasExited)
        {
            Assert.Fail($"the child ended early with {child.ExitCode}: {await errors}");
        }

        child.Kill(); // SIGKILL on Linux: no finally blocks, no Dispose, no checkpoint
        await child.WaitForExitAsync(TestContext.Current.CancellationToken);

        // Lines already written before the kill were committed too.
        while (await child.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            if (line.StartsWith(OutboxCrashChild.CommittedPrefix, StringComparison.Ordinal))
            {
                committed.Add(long.Parse(line.AsSpan(OutboxCrashChild.CommittedPrefix.Length), CultureInfo.InvariantCulture));
            }
        }

        Assert.Equal(137, child.ExitCode); // 128 + SIGKILL
        return committed;
    }

    /// <summary>The dotnet host running this test (the CLI sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host)
        {
            return host;
        }

        return Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
    }
}
