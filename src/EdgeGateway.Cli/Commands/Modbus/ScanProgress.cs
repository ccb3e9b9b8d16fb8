namespace EdgeGateway.Cli.Commands.Modbus;

/// <summary>
/// The progress of <c>egw modbus scan</c> on a terminal: one stderr line rewritten in place ("probing slave 37 of
/// 247…"), so a minute-long scan of 1-247 visibly moves; nothing at all when stderr is a file or a pipe, or with --json.
/// </summary>
internal sealed class ScanProgress(CliConsole console, int total, bool show)
{
    private int _probed;
    private int _width;

    public void Probing(int slave, int found)
    {
        _probed++;
        if (!show)
        {
            return;
        }

        var line = $"egw: probing slave {slave} ({_probed} of {total}), {found} found so far";
        console.Error.Write($"\r{line.PadRight(_width)}");
        console.Error.Flush();
        _width = line.Length;
    }

    /// <summary>Erases the progress line before a result line or the end, so it never mixes with what stays.</summary>
    public void Clear()
    {
        if (!show || _width == 0)
        {
            return;
        }

        console.Error.Write($"\r{new string(' ', _width)}\r");
        console.Error.Flush();
        _width = 0;
    }
}
