using System.CommandLine;
using System.Text.RegularExpressions;
using EdgeGateway.Cli;
using EdgeGateway.Interop.Tests.Packaging;

namespace EdgeGateway.Interop.Tests.Cli;

/// <summary>What egw says when a command line is wrong or asks for help (issue 17, item 7).</summary>
public sealed partial class EgwCommandLineTests
{
    [Fact]
    public void No_help_line_of_any_egw_command_is_longer_than_120_characters()
    {
        var root = EgwApp.Build(new CliConsole(TextWriter.Null, TextWriter.Null));
        var paths = new List<string[]>();
        Walk(root, [], paths);
        Assert.True(paths.Count > 20, $"only {paths.Count} commands found");
        foreach (var path in paths)
        {
            var run = Egw.Run([.. path, "--help"]);
            Assert.True(run.ExitCode == 0, $"egw {string.Join(' ', path)} --help: {run}");
            var longest = run.Output.Split('\n').MaxBy(line => line.Length)!;
            Assert.True(longest.Length <= 120, $"egw {string.Join(' ', path)} --help has a line of {longest.Length} characters:\n{longest}");
        }
    }

    [Fact]
    public void A_mistyped_command_says_unknown_command_and_the_closest_one_before_anything_else()
    {
        var run = Egw.Run("statsu");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("egw: unknown command 'statsu'; did you mean 'status'?\n", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command was not provided", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_subcommand_is_named_too_and_a_far_one_lists_the_commands()
    {
        var near = Egw.Run("maintenance", "stat", "--device", "dust");
        Assert.Equal(2, near.ExitCode);
        Assert.StartsWith("egw: unknown command 'stat'; did you mean 'start'?", near.Error, StringComparison.Ordinal);

        var far = Egw.Run("xyzzy");
        Assert.Equal(2, far.ExitCode);
        Assert.StartsWith("egw: unknown command 'xyzzy'; the commands are: modbus, profile, hj212", far.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("coil", "--type", "f32")]
    [InlineData("discrete", "--order", "CDAB")]
    public void Reading_bits_with_a_register_decoding_is_refused_with_exit_code_2(string table, string option, string value)
    {
        // Refused before any port is opened: nothing listens on this one.
        var run = Egw.Run("modbus", "read", "--port", "tcp://127.0.0.1:1", "--table", table, option, value, "--address", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"egw: {option} decodes registers; --table {table} is bits", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_hj212_check_example_is_a_complete_valid_packet()
    {
        var readme = File.ReadAllText(Path.Combine(PackagingRequirements.RepositoryRoot, "README.md"));
        var example = ReadmeHj212Example().Match(readme);
        Assert.True(example.Success, "README.md has no line `egw hj212 check '##…'`");

        var run = Egw.Run("hj212", "check", example.Groups["packet"].Value);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("valid packet:", run.Output, StringComparison.Ordinal);
    }

    private static void Walk(Command command, string[] path, List<string[]> paths)
    {
        paths.Add(path);
        foreach (var subcommand in command.Subcommands.Where(subcommand => !subcommand.Hidden))
        {
            Walk(subcommand, [.. path, subcommand.Name], paths);
        }
    }

    [GeneratedRegex(@"^egw hj212 check '(?<packet>##[^']+)'", RegexOptions.Multiline)]
    private static partial Regex ReadmeHj212Example();
}
