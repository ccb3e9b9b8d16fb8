using System.Text.RegularExpressions;

namespace EdgeGateway.DataFlow.Tests.Architecture;

/// <summary>
/// No source file under src/ grows past 600 lines unless docs/architecture.md names it, with its reason, under
/// "Files over 600 lines": a type that large is usually several types, and the exception should be a decision.
/// </summary>
public sealed partial class SourceFileSizeTests
{
    private const int MaximumLines = 600;

    [Fact]
    public void No_source_file_is_over_600_lines_unless_the_architecture_document_says_why()
    {
        var excused = ExcusedFiles();
        var oversized = Directory.GetFiles(RepositoryLayout.Source, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(file))
            .Select(file => (Path: Path.GetRelativePath(RepositoryLayout.Root, file).Replace('\\', '/'), Lines: File.ReadLines(file).Count()))
            .Where(file => file.Lines > MaximumLines && !excused.Contains(file.Path))
            .Select(file => $"{file.Path}: {file.Lines} lines")
            .ToList();

        Assert.Empty(oversized);
    }

    [Fact]
    public void The_files_the_architecture_document_excuses_exist_and_are_over_600_lines()
    {
        // An excuse that outlived its file, or a file that shrank, is a stale line in the document.
        foreach (var path in ExcusedFiles())
        {
            var file = Path.Combine(RepositoryLayout.Root, path);
            Assert.True(File.Exists(file), $"docs/architecture.md excuses {path}, which does not exist");
            Assert.True(File.ReadLines(file).Count() > MaximumLines, $"docs/architecture.md excuses {path}, which is not over {MaximumLines} lines");
        }
    }

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    /// <summary>The `src/...cs` paths listed in the section "Files over 600 lines" of docs/architecture.md.</summary>
    private static HashSet<string> ExcusedFiles()
    {
        var document = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "docs", "architecture.md"));
        var section = SectionPattern().Match(document);
        return section.Success
            ? [.. PathPattern().Matches(section.Groups["body"].Value).Select(match => match.Value)]
            : [];
    }

    [GeneratedRegex(@"^## Files over 600 lines\s*$(?<body>.*?)(?=^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SectionPattern();

    [GeneratedRegex(@"src/[\w./-]+\.cs")]
    private static partial Regex PathPattern();
}
