using System.CommandLine;
using System.Diagnostics;
using EdgeGateway.Cli;
using EdgeGateway.Cli.Commands.Simulate;

namespace EdgeGateway.Interop.Tests.Simulator;

/// <summary>One in-process run of the command, cancelled like Ctrl+C by <see cref="StopAsync"/>.</summary>
internal sealed class SimulateRun : IAsyncDisposable
{
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(15);

    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    // TextWriter.Synchronized locks the wrapper itself on every write; reading under the same lock is safe.
    private readonly TextWriter _outputWriter;
    private readonly TextWriter _errorWriter;
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _invocation;

    private SimulateRun()
    {
        _outputWriter = TextWriter.Synchronized(_output);
        _errorWriter = TextWriter.Synchronized(_error);
    }

    public string Output
    {
        get
        {
            lock (_outputWriter)
            {
                return _output.ToString();
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

    public static SimulateRun Start(params string[] args)
    {
        var run = new SimulateRun();
        var console = new CliConsole(run._outputWriter, run._errorWriter);
        var root = new RootCommand { SimulateCommand.Create(console) };
        var parse = root.Parse(args);
        Assert.Empty(parse.Errors);
        // No signal handling in a test process: the test's token stands in for Ctrl+C.
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, ProcessTerminationTimeout = null };
        run._invocation = Task.Run(() => parse.InvokeAsync(configuration, run._stop.Token));
        return run;
    }

    public async Task<string> WaitForStartLineAsync()
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartWait)
        {
            var first = Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            if (first is not null)
            {
                return first;
            }

            Assert.False(_invocation!.IsCompleted, $"egw simulate ended early: {Error}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"no start line within {StartWait.TotalSeconds} s; stderr: {Error}");
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
