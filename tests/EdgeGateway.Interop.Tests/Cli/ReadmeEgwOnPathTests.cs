using System.Diagnostics;
using EdgeGateway.Interop.Tests.Packaging;

namespace EdgeGateway.Interop.Tests.Cli;

/// <summary>
/// README.md's way to get <c>egw</c> and <c>edge-gateway</c> on the PATH from a checkout (issue 17, item 1: after the
/// README's demo command, <c>egw: command not found</c>), run as written: the README's own code block, in bash, from
/// the checkout's root.
/// </summary>
public sealed class ReadmeEgwOnPathTests
{
    [Fact]
    public async Task The_readme_lines_put_egw_and_edge_gateway_on_the_path_from_a_checkout()
    {
        var root = PackagingRequirements.RepositoryRoot;
        var block = ReadmeBlock(File.ReadAllText(Path.Combine(root, "README.md")), ".ci/tools");

        // The block as written, then where the shell now finds both commands, and egw finding edge-gateway beside it.
        var script = string.Join('\n', block, "command -v egw edge-gateway", "egw config check --socket /nonexistent/control.sock || true");
        var start = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;

        // A first build on a loaded machine takes minutes: a generous deadline, not a timing.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(20));
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        var output = await process.StandardOutput.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        var run = $"exit {process.ExitCode}\nstdout:\n{output}\nstderr:\n{await errors}";

        Assert.True(process.ExitCode == 0, run);
        var bin = Path.Combine(root, "artifacts", "bin");
        Assert.Contains($"\n{Path.Combine(bin, "egw")}\n{Path.Combine(bin, "edge-gateway")}\n", "\n" + output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^edge-gateway \d+\.\d+", output);
        Assert.Contains("checking the service's default configuration", output, StringComparison.Ordinal);
        Assert.DoesNotContain("edge-gateway was not found", run, StringComparison.Ordinal);
    }

    /// <summary>The body of the first ```sh block of <paramref name="markdown"/> that contains <paramref name="marker"/>.</summary>
    private static string ReadmeBlock(string markdown, string marker)
    {
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() != "```sh")
            {
                continue;
            }

            var body = lines.Skip(i + 1).TakeWhile(line => line.TrimEnd() != "```").ToList();
            if (body.Any(line => line.Contains(marker, StringComparison.Ordinal)))
            {
                return string.Join('\n', body);
            }
        }

        throw new InvalidOperationException($"README.md has no ```sh block with {marker}");
    }
}
