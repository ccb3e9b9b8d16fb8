using System.CommandLine;

namespace EdgeGateway.Cli.Commands.Profiles;

/// <summary><c>egw profile</c>: device profiles (register maps) as data.</summary>
internal static class ProfileCommand
{
    public static Command Create(CliConsole console) => new("profile", "Check device profiles and show how they are read")
    {
        ProfileCheckCommand.Create(console),
    };
}
