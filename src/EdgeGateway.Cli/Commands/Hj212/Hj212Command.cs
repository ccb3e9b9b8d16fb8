using System.CommandLine;

namespace EdgeGateway.Cli.Commands.Hj212;

/// <summary><c>egw hj212</c>: tools for HJ 212-2017 packets, for integrators debugging a platform link.</summary>
internal static class Hj212Command
{
    public static Command Create(CliConsole console) => new("hj212", "Check HJ 212-2017 packets")
    {
        Hj212CheckCommand.Create(console),
    };
}
