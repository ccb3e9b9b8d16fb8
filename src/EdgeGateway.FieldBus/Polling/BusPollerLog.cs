using Microsoft.Extensions.Logging;

namespace EdgeGateway.FieldBus.Polling;

/// <summary>The bus poller's log lines, source-generated (no boxing, AOT-safe).</summary>
internal static partial class BusPollerLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Bus {Bus}: device {Device} (slave {UnitId}, profile {Profile}) polled every {Interval}: {Plan}")]
    public static partial void DevicePlanned(ILogger logger, string bus, string device, byte unitId, string profile, TimeSpan interval, string plan);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Bus {Bus}: device {Device} answered nothing for {Cycles} cycles ({LastError}): communication lost; its readings are flagged B and it is probed every {Interval} until it answers")]
    public static partial void DeviceDegraded(ILogger logger, string bus, string device, int cycles, string? lastError, TimeSpan interval);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Bus {Bus}: device {Device} answers again: communication restored")]
    public static partial void DeviceRecovered(ILogger logger, string bus, string device);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Bus {Bus}: port lost ({Reason}); reopening in {Delay}")]
    public static partial void PortLost(ILogger logger, string bus, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Bus {Bus}: port open again")]
    public static partial void PortRestored(ILogger logger, string bus);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Critical, Message = "Bus {Bus}: the poll loop failed unexpectedly; it restarts after {Delay}")]
    public static partial void LoopFailed(ILogger logger, string bus, Exception exception, TimeSpan delay);
}
