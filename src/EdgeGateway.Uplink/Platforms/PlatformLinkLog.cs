using Microsoft.Extensions.Logging;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>The platform links' log lines, source-generated (no boxing, AOT-safe).</summary>
internal static partial class PlatformLinkLog
{
    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "Platform {Platform}: connected to {Address}")]
    public static partial void Connected(ILogger logger, string platform, string address);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Platform {Platform}: link lost ({Reason}); re-dialling in {Delay}")]
    public static partial void Lost(ILogger logger, string platform, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Debug, Message = "Platform {Platform}: dial failed ({Reason}); next try in {Delay}")]
    public static partial void DialFailed(ILogger logger, string platform, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 3304, Level = LogLevel.Warning, Message = "Platform {Platform}: bad frame ignored: {Reason}")]
    public static partial void BadFrame(ILogger logger, string platform, string reason);

    [LoggerMessage(EventId = 3305, Level = LogLevel.Information, Message = "Platform {Platform}: host command {Command}: {Result}")]
    public static partial void HostCommand(ILogger logger, string platform, string command, string result);

    [LoggerMessage(EventId = 3306, Level = LogLevel.Error, Message = "Platform {Platform}: host command {Command} failed unexpectedly")]
    public static partial void HostCommandFailed(ILogger logger, string platform, string command, Exception exception);

    [LoggerMessage(EventId = 3307, Level = LogLevel.Warning, Message = "Platform {Platform}: the stored identity could not be read, the configuration's is used: {Reason}")]
    public static partial void IdentityUnreadable(ILogger logger, string platform, string reason);

    [LoggerMessage(EventId = 3308, Level = LogLevel.Error, Message = "Platform {Platform}: the changed identity could not be saved; it holds until the gateway restarts")]
    public static partial void IdentityNotSaved(ILogger logger, string platform, Exception exception);

    [LoggerMessage(EventId = 3309, Level = LogLevel.Warning, Message = "Platform {Platform}: host requests arrive faster than they are answered; {Cn} dropped")]
    public static partial void RequestDropped(ILogger logger, string platform, string cn);

    [LoggerMessage(EventId = 3310, Level = LogLevel.Error, Message = "Platform {Platform}: the link failed unexpectedly; it re-dials")]
    public static partial void Failed(ILogger logger, string platform, Exception exception);

    [LoggerMessage(EventId = 3311, Level = LogLevel.Error, Message = "Platform {Platform}: announcing {Kind} failed")]
    public static partial void AnnounceFailed(ILogger logger, string platform, string kind, Exception exception);
}
