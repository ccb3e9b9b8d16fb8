using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeGateway.Interop.Tests.Packaging;

/// <summary>The amd64 .deb that <c>.ci/package --arch x64</c> built: its files, control fields and maintainer scripts.</summary>
public sealed partial class DebianPackageTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("egw-deb-");

    [Fact]
    public void The_package_holds_the_binaries_libraries_profiles_limit_presets_unit_and_config_owned_by_root()
    {
        var dpkgDeb = PackagingRequirements.RequireDpkgDeb();
        var package = PackagingRequirements.RequirePackage("amd64");

        var listing = HostCommand.Check(dpkgDeb, "--contents", package);

        var entries = ParseContents(listing.Output);
        string[] executables = ["./usr/lib/edge-gateway/edge-gateway", "./usr/lib/edge-gateway/egw", "./usr/lib/edge-gateway/edge-gateway-console"];
        foreach (var executable in executables)
        {
            Assert.True(entries.TryGetValue(executable, out var entry), $"{executable} is not in the package:\n{listing.Output}");
            Assert.Equal("-rwxr-xr-x", entry.Mode);
        }

        var profiles = Directory.GetFiles(Path.Combine(PackagingRequirements.RepositoryRoot, "hardware", "profiles"), "*.json")
            .Select(file => "./usr/share/edge-gateway/profiles/" + Path.GetFileName(file));
        var limitPresets = Directory.GetFiles(Path.Combine(PackagingRequirements.RepositoryRoot, "hardware", "limits"), "*.json")
            .Select(file => "./usr/share/edge-gateway/limits/" + Path.GetFileName(file));
        string[] files =
        [
            "./usr/lib/edge-gateway/libSystem.IO.Ports.Native.so",
            "./usr/lib/edge-gateway/libe_sqlite3.so",
            "./lib/systemd/system/edge-gateway.service",
            "./lib/systemd/system/edge-gateway-console.service",
            "./usr/lib/sysusers.d/edge-gateway.conf",
            "./usr/lib/tmpfiles.d/edge-gateway.conf",
            "./usr/lib/modules-load.d/edge-gateway.conf",
            "./usr/share/bash-completion/completions/egw",
            "./usr/share/doc/edge-gateway/examples/99-edge-gateway-rs485.rules",
            "./etc/edge-gateway/gateway.json",
            .. profiles,
            .. limitPresets,
        ];
        foreach (var file in files)
        {
            Assert.True(entries.TryGetValue(file, out var entry), $"{file} is not in the package:\n{listing.Output}");
            Assert.Equal("-rw-r--r--", entry.Mode);
        }

        Assert.Equal("../lib/edge-gateway/edge-gateway", entries["./usr/bin/edge-gateway"].LinkTarget);
        Assert.Equal("../lib/edge-gateway/egw", entries["./usr/bin/egw"].LinkTarget);
        Assert.Equal("../lib/edge-gateway/edge-gateway-console", entries["./usr/bin/edge-gateway-console"].LinkTarget);
        Assert.Equal("../../share/edge-gateway/profiles", entries["./usr/lib/edge-gateway/profiles"].LinkTarget);
        Assert.Equal("../../share/edge-gateway/limits", entries["./usr/lib/edge-gateway/limits"].LinkTarget);
        Assert.All(entries.Values, entry => Assert.Equal("root/root", entry.Owner));
        // Symbol files and managed debug files stay out of the package.
        Assert.DoesNotContain(entries.Keys, path => path.EndsWith(".dbg", StringComparison.Ordinal) || path.EndsWith(".pdb", StringComparison.Ordinal));
        // Only the package's own directories are created under /etc and /usr/lib (nothing stray such as a build tree).
        Assert.All(entries.Keys.Where(path => path.StartsWith("./etc/", StringComparison.Ordinal)), path => Assert.StartsWith("./etc/edge-gateway", path, StringComparison.Ordinal));
    }

    [Fact]
    public void The_packaged_files_are_the_repository_files_and_the_binaries_are_x86_64()
    {
        var dpkgDeb = PackagingRequirements.RequireDpkgDeb();
        var package = PackagingRequirements.RequirePackage("amd64");
        var root = _scratch.CreateSubdirectory("root").FullName;

        HostCommand.Check(dpkgDeb, "-x", package, root);

        var repository = PackagingRequirements.RepositoryRoot;
        (string Source, string Installed)[] copies =
        [
            ("systemd/edge-gateway.service", "lib/systemd/system/edge-gateway.service"),
            ("systemd/edge-gateway-console.service", "lib/systemd/system/edge-gateway-console.service"),
            ("systemd/edge-gateway.sysusers", "usr/lib/sysusers.d/edge-gateway.conf"),
            ("systemd/edge-gateway.tmpfiles", "usr/lib/tmpfiles.d/edge-gateway.conf"),
            ("systemd/edge-gateway.modules-load", "usr/lib/modules-load.d/edge-gateway.conf"),
            ("systemd/egw.bash-completion", "usr/share/bash-completion/completions/egw"),
            ("systemd/99-edge-gateway-rs485.rules", "usr/share/doc/edge-gateway/examples/99-edge-gateway-rs485.rules"),
            ("src/EdgeGateway/gateway.json", "etc/edge-gateway/gateway.json"),
        ];
        foreach (var (source, installed) in copies)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(repository, source)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(root, installed))),
                $"{installed} in {Path.GetFileName(package)} differs from {source}: the package is older than the work tree, rebuild it with .ci/package --arch x64");
        }

        foreach (var binary in new[] { "edge-gateway", "egw", "edge-gateway-console" })
        {
            var header = new byte[20];
            using (var stream = File.OpenRead(Path.Combine(root, "usr", "lib", "edge-gateway", binary)))
            {
                stream.ReadExactly(header);
            }

            Assert.True(header.AsSpan(0, 4).SequenceEqual("\u007fELF"u8), $"{binary} is not an ELF file");
            Assert.Equal(0x3E, header[18] | (header[19] << 8)); // e_machine EM_X86_64: a native (AOT) executable
        }
    }

    [Fact]
    public void The_control_fields_and_conffiles_are_as_documented()
    {
        var dpkgDeb = PackagingRequirements.RequireDpkgDeb();
        var package = PackagingRequirements.RequirePackage("amd64");

        var fields = ParseFields(HostCommand.Check(dpkgDeb, "--field", package, "Package", "Version", "Architecture", "Depends", "Maintainer", "Installed-Size", "Description").Output);

        Assert.Equal("edge-gateway", fields["Package"]);
        Assert.Equal("amd64", fields["Architecture"]);
        // The file name carries the version: edge-gateway_<version>_amd64.deb.
        Assert.Equal(Path.GetFileName(package), $"edge-gateway_{fields["Version"]}_amd64.deb");
        Assert.Matches(@"^[0-9]+\.[0-9]+\.[0-9]+", fields["Version"]);
        Assert.StartsWith("libc6 (>= 2.34)", fields["Depends"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(fields["Maintainer"]));
        Assert.InRange(int.Parse(fields["Installed-Size"], CultureInfo.InvariantCulture), 1024, 200 * 1024);
        Assert.False(string.IsNullOrWhiteSpace(fields["Description"]));

        var conffiles = HostCommand.Check(dpkgDeb, "--info", package, "conffiles").Output;
        Assert.Equal(["/etc/edge-gateway/gateway.json"], conffiles.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void The_maintainer_scripts_never_enable_or_start_the_service()
    {
        var dpkgDeb = PackagingRequirements.RequireDpkgDeb();
        var package = PackagingRequirements.RequirePackage("amd64");

        foreach (var script in new[] { "postinst", "prerm", "postrm" })
        {
            var text = HostCommand.Check(dpkgDeb, "--info", package, script).Output;
            Assert.StartsWith("#!/bin/sh", text, StringComparison.Ordinal);
            Assert.DoesNotMatch(EnableOrStart(), text);
        }

        // Purge, and only purge, deletes the data and the user.
        var postrm = HostCommand.Check(dpkgDeb, "--info", package, "postrm").Output;
        var purgeStart = postrm.IndexOf("purge)", StringComparison.Ordinal);
        Assert.True(purgeStart >= 0, "postrm has no purge) case:\n" + postrm);
        var purge = postrm[purgeStart..postrm.IndexOf(";;", purgeStart, StringComparison.Ordinal)];
        Assert.Contains("rm -rf /var/lib/edge-gateway", purge, StringComparison.Ordinal);
        Assert.Contains("userdel edge-gateway", purge, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(postrm, "rm -rf /var/lib/edge-gateway"));
    }

    public void Dispose() => _scratch.Delete(recursive: true);

    private sealed record ContentEntry(string Mode, string Owner, string? LinkTarget);

    /// <summary>Parses <c>dpkg-deb --contents</c>: "mode owner/group size date time ./path[ -> target]".</summary>
    private static Dictionary<string, ContentEntry> ParseContents(string listing)
    {
        var entries = new Dictionary<string, ContentEntry>(StringComparer.Ordinal);
        foreach (var line in listing.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6)
            {
                continue;
            }

            var name = fields[5];
            string? target = null;
            var arrow = name.IndexOf(" -> ", StringComparison.Ordinal);
            if (arrow >= 0)
            {
                target = name[(arrow + 4)..];
                name = name[..arrow];
            }

            entries[name.TrimEnd('/')] = new ContentEntry(fields[0], fields[1], target);
        }

        return entries;
    }

    /// <summary>Parses <c>dpkg-deb --field</c> output: "Key: value" with indented continuation lines.</summary>
    private static Dictionary<string, string> ParseFields(string output)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]) && line.Contains(':', StringComparison.Ordinal))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                current = line[..colon];
                fields[current] = line[(colon + 1)..].Trim();
            }
            else if (current is not null && line.Length > 0)
            {
                fields[current] += "\n" + line.Trim();
            }
        }

        return fields;
    }

    [GeneratedRegex(@"systemctl\s+(--[a-z-]+\s+)*(enable|start|restart|reenable|preset)\b")]
    private static partial Regex EnableOrStart();
}
