namespace EdgeGateway.Control.Contract;

/// <summary>Why a request failed: a code from <see cref="CommandErrorCodes"/> for scripts, a message for people.</summary>
public sealed record ControlError(string Code, string Message);
