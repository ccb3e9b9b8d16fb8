using System.CommandLine;
using System.Diagnostics;
using EdgeGateway.Cli;
using EdgeGateway.Cli.Commands.SimulatePlatform;

namespace EdgeGateway.Interop.Tests.Hj212Platform;

/// <summary>One in-process run of <c>egw simulate-platform</c>, cancelled like Ctrl+C by <see cref="StopAsync"/>.</summary>
internal sealed class SimulatePlatformRun : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    // TextWriter.Synchronized locks the wrapper itself on every write; reading under the same lock is safe.
    private readonly TextWriter _outputWriter;
    private readonly TextWriter _errorWriter;
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _invocation;

    private SimulatePlatformRun()
    {
        _outputWriter = TextWriter.Synchronized(_output);
        _errorWriter = TextWriter.Synchronized(_error);
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_outputWriter)
            {
                return _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_errorWriter)
            {
                return _error.ToString();
            }
        }
    }

    public static SimulatePlatformRun Start(params string[] args)
    {
        var run = new SimulatePlatformRun();
        var console = new CliConsole(run._outputWriter, run._errorWriter);
        var root = new RootCommand { SimulatePlatformCommand.Create(console) };
        var parse = root.Parse(["simulate-platform", .. args]);
        Assert.Empty(parse.Errors);
        // No signal handling in a test process: the test's token stands in for Ctrl+C.
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, ProcessTerminationTimeout = null };
        run._invocation = Task.Run(() => parse.InvokeAsync(configuration, run._stop.Token));
        return run;
    }

    /// <summary>Waits for the <paramref name="count"/>-th line of output and returns it.</summary>
    public async Task<string> WaitForLineAsync(int count)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < Wait)
        {
            var lines = Lines;
            if (lines.Count >= count)
            {
                return lines[count - 1];
            }

            Assert.False(_invocation!.IsCompleted, $"egw simulate-platform ended early: {Error}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"no line {count} within {Wait.TotalSeconds} s; output: {string.Join(" | ", Lines)}; stderr: {Error}");
        return string.Empty;
    }

    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _invocation!.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_invocation is { IsCompleted: false })
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}
