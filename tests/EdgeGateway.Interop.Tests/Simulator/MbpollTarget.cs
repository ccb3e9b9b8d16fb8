namespace EdgeGateway.Interop.Tests.Simulator;

/// <summary>How mbpoll reaches a simulator: the options (<c>-1 -m tcp -p PORT</c> or <c>-1 -m rtu -b 9600 ...</c>: one poll, then exit) and the last argument, a host or a device.</summary>
internal sealed record MbpollTarget(IReadOnlyList<string> Options, string Address);
