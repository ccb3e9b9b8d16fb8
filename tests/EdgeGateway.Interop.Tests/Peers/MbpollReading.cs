namespace EdgeGateway.Interop.Tests.Peers;

/// <summary>One <c>[ref]: value</c> line of mbpoll's output.</summary>
/// <param name="Reference">mbpoll's 1-based reference (reference 1 is address 0).</param>
/// <param name="Value">The first token of the value, e.g. <c>65535</c> of <c>65535 (-1)</c>, or <c>1</c> for a set coil.</param>
/// <param name="Text">Everything after the colon, trimmed, e.g. <c>65535 (-1)</c>.</param>
public sealed record MbpollReading(int Reference, string Value, string Text);
