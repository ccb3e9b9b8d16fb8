using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeGateway.Interop.Tests.Peers;

/// <summary>mbpoll (C, libmodbus) as an independent Modbus master: runs it once and parses what it printed.</summary>
public static partial class Mbpoll
{
    /// <summary>Enough for mbpoll's own 1 s response timeout plus process start on a loaded machine.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Runs <c>mbpoll -1 ARGS</c> (one poll), killing it after <paramref name="timeout"/>. Skips the test if mbpoll is missing.
    /// </summary>
    /// <remarks>
    /// <c>-1</c> is added when the arguments lack it: without it mbpoll polls once a second until killed, so every
    /// run would end at the timeout with the same values printed over and over.
    /// </remarks>
    public static MbpollResult Run(TimeSpan timeout, params IEnumerable<string> arguments)
    {
        string mbpoll = PeerRequirements.RequireMbpoll();
        var startInfo = new ProcessStartInfo(mbpoll)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        List<string> argumentList = [.. arguments];
        if (!argumentList.Contains("-1"))
        {
            argumentList.Insert(0, "-1");
        }

        foreach (string argument in argumentList)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("mbpoll did not start");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        bool timedOut = !process.WaitForExit(timeout);
        if (timedOut)
        {
            process.Kill();
            process.WaitForExit();
        }

        string[] lines = output.Result.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new MbpollResult(timedOut ? -1 : process.ExitCode, timedOut, lines, error.Result, Parse(lines));
    }

    /// <summary>Reads once over Modbus TCP from 127.0.0.1: <c>mbpoll -m tcp -a UNIT -p PORT -t T -r REF -c COUNT -1 127.0.0.1</c>.</summary>
    /// <param name="reference">1-based, as mbpoll counts (reference 1 is address 0).</param>
    public static MbpollResult ReadTcp(int port, byte unitId, MbpollTable table, int reference, int count) =>
        Run(DefaultTimeout, "-m", "tcp", "-a", Text(unitId), "-p", Text(port), "-t", Text((int)table),
            "-r", Text(reference), "-c", Text(count), "-1", "127.0.0.1");

    /// <summary>Reads once over Modbus RTU, 9600 8N1: <c>mbpoll -m rtu -b 9600 -P none -a UNIT -t T -r REF -c COUNT -1 PATH</c>.</summary>
    /// <param name="reference">1-based, as mbpoll counts (reference 1 is address 0).</param>
    public static MbpollResult ReadRtu(string serialPath, byte unitId, MbpollTable table, int reference, int count, int baudRate = 9600, string parity = "none") =>
        Run(DefaultTimeout, "-m", "rtu", "-b", Text(baudRate), "-P", parity, "-a", Text(unitId), "-t", Text((int)table),
            "-r", Text(reference), "-c", Text(count), "-1", serialPath);

    /// <summary>Picks the <c>[ref]: value</c> lines out of mbpoll's output.</summary>
    public static IReadOnlyList<MbpollReading> Parse(IEnumerable<string> lines)
    {
        var readings = new List<MbpollReading>();
        foreach (string line in lines)
        {
            Match match = ReadingLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            string text = match.Groups["text"].Value.Trim();
            string value = text.Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
            readings.Add(new MbpollReading(int.Parse(match.Groups["reference"].Value, CultureInfo.InvariantCulture), value, text));
        }

        return readings;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\[(?<reference>\d+)\]:\s*(?<text>.*)$")]
    private static partial Regex ReadingLine();
}
