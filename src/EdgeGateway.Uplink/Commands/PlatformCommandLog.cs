using Microsoft.Extensions.Logging;

namespace EdgeGateway.Uplink.Commands;

/// <summary>The command handler's log lines, source-generated (no boxing, AOT-safe).</summary>
internal static partial class PlatformCommandLog
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Command {Command} from the platform refused: {Code}: {Reason}")]
    public static partial void Refused(ILogger logger, string command, string code, string reason);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Error, Message = "Command {Command} failed unexpectedly; answered with an error")]
    public static partial void Failed(ILogger logger, string command, Exception exception);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "The platform set the clock from {Previous} to {Time} (step {StepSeconds} s)")]
    public static partial void ClockSet(ILogger logger, string previous, string time, double stepSeconds);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Information, Message = "The platform set the real-time interval from {Previous} to {Interval}")]
    public static partial void RealTimeIntervalSet(ILogger logger, TimeSpan previous, TimeSpan interval);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Information, Message = "History re-send of {Records} {Period} records ({Begin} to {End}) started")]
    public static partial void HistoryStarted(ILogger logger, int records, string period, string begin, string end);

    [LoggerMessage(EventId = 3206, Level = LogLevel.Information, Message = "History re-send finished: {Messages} messages with {Records} records")]
    public static partial void HistoryFinished(ILogger logger, int messages, int records);

    [LoggerMessage(EventId = 3207, Level = LogLevel.Warning, Message = "History re-send abandoned after {Sent} of {Messages} messages: {Reason}")]
    public static partial void HistoryAbandoned(ILogger logger, int sent, int messages, string reason);

    [LoggerMessage(EventId = 3210, Level = LogLevel.Warning, Message = "The platform had sampler {Device} keep a sample (bottle {VaseNo})")]
    public static partial void SampleRetained(ILogger logger, string device, int? vaseNo);

    [LoggerMessage(EventId = 3209, Level = LogLevel.Error, Message = "History re-send failed unexpectedly after {Sent} of {Messages} messages")]
    public static partial void HistoryFailed(ILogger logger, int sent, int messages, Exception exception);
}
