using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Simulator.Hj212Platform;

/// <summary>
/// One host command and what the logger sent back: for a request the 9011 (QnRtn), the data packets (each with
/// its own QN and the request's CN) and the 9012 (ExeRtn); for a notification (2012, 2022) the 9013.
/// </summary>
public sealed record Hj212HostExchange
{
    /// <summary>The connection the command went out on.</summary>
    public required long ConnectionId { get; init; }

    /// <summary>The command as sent.</summary>
    public required Hj212Packet Request { get; init; }

    /// <summary>True for a notification, answered by 9013 alone.</summary>
    public required bool IsNotification { get; init; }

    /// <summary>When the command was written.</summary>
    public required DateTimeOffset SentAt { get; init; }

    /// <summary>When the exchange ended: complete, timed out or cut off.</summary>
    public required DateTimeOffset EndedAt { get; init; }

    /// <summary>The logger's 9011, when it came.</summary>
    public Hj212Packet? RequestAnswer { get; init; }

    /// <summary>The data packets between the 9011 and the 9012, in order of arrival.</summary>
    public IReadOnlyList<Hj212Packet> Data { get; init; } = [];

    /// <summary>The logger's 9012, when it came.</summary>
    public Hj212Packet? ExecutionResult { get; init; }

    /// <summary>The logger's 9013 to a notification, when it came.</summary>
    public Hj212Packet? NotificationAnswer { get; init; }

    /// <summary>True when the logger went quiet for longer than the timeout before the exchange was complete.</summary>
    public bool TimedOut { get; init; }

    /// <summary>True when the connection closed before the exchange was complete.</summary>
    public bool ConnectionLost { get; init; }

    /// <summary><c>QnRtn</c> of the 9011 (1 = will execute), when it came.</summary>
    public int? QnRtn => RequestAnswer is { } answer && answer.Cp.TryGetInt32("QnRtn", out var code) ? code : null;

    /// <summary><c>ExeRtn</c> of the 9012 (1 = success, 100 = no data), when it came.</summary>
    public int? ExeRtn => ExecutionResult is { } result && result.Cp.TryGetInt32("ExeRtn", out var code) ? code : null;

    /// <summary>
    /// True when the exchange ended as HJ 212 says it may: a notification with its 9013, a request with its 9012,
    /// or a request refused by a 9011 whose QnRtn is not 1 (no 9012 follows that).
    /// </summary>
    public bool IsComplete => IsNotification
        ? NotificationAnswer is not null
        : ExecutionResult is not null || QnRtn is { } qnRtn && qnRtn != 1;
}
