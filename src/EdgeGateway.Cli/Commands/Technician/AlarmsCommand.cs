using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;
using EdgeGateway.Pipeline.Alarms;

namespace EdgeGateway.Cli.Commands.Technician;

/// <summary><c>egw alarms [--json]</c>: the active emission alarms (pre-warnings and exceedances) of the running gateway.</summary>
internal static class AlarmsCommand
{
    public static Command Create(CliConsole console)
    {
        var socket = ControlCall.SocketOption();
        var json = new Option<bool>("--json") { Description = "Print the active alarms as JSON" };
        var command = new Command("alarms", "Show the active emission alarms: pre-warnings and exceedances of the configured limits") { socket, json };
        command.SetAction(parse =>
        {
            var asJson = parse.GetValue(json);
            return CommandRunner.Run(console, asJson, () =>
            {
                var result = ControlCall.Ask(ControlClient.ResolvePath(parse.GetValue(socket)), "alarms");
                if (asJson)
                {
                    console.Out.WriteLine(result.GetRawText());
                    return ExitCodes.Ok;
                }

                var alarms = result.Deserialize(AlarmJsonContext.Default.ListActiveAlarm) ?? [];
                if (alarms.Count == 0)
                {
                    console.Out.WriteLine("no active alarms");
                    return ExitCodes.Ok;
                }

                foreach (var line in Lines(alarms))
                {
                    console.Out.WriteLine(line);
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }

    /// <summary>One line per alarm, for this command and <c>egw status</c>.</summary>
    public static IEnumerable<string> Lines(IEnumerable<ActiveAlarm> alarms) => alarms.Select(alarm => string.Create(
        CultureInfo.InvariantCulture,
        $"{alarm.Key,-22} {(alarm.Rule == AlarmRule.PreWarning ? "pre-warning" : "EXCEEDANCE"),-11} {alarm.Value,9:0.###} (peak {alarm.Peak:0.###}) over {alarm.Threshold:0.###} of limit {alarm.Limit:0.###}, since {alarm.RaisedAt.ToLocalTime():yyyy-MM-dd HH:mm}{Sample(alarm.Sample)}"));

    // What became of the over-limit sample, so the technician knows which bottle to take to the lab.
    private static string Sample(SampleRetention? sample) => sample switch
    {
        null => string.Empty,
        { State: SampleRetentionState.Retained, VaseNo: { } vase } => string.Create(CultureInfo.InvariantCulture, $"; sample in bottle {vase} ({sample.Device})"),
        { State: SampleRetentionState.Retained } => $"; sample retained ({sample.Device})",
        { State: SampleRetentionState.Requested } => $"; sample asked of {sample.Device}",
        _ => $"; sample {(sample.State == SampleRetentionState.Failed ? "failed" : "unknown")} ({sample.Device}): {sample.Detail}",
    };
}
