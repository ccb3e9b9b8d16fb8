namespace EdgeGateway.Uplink.Commands;

/// <summary>The <c>error</c> of a failed reply.</summary>
/// <param name="Code">One of <see cref="CommandErrorCodes"/>.</param>
/// <param name="Message">What went wrong, in one line for a person.</param>
public sealed record CommandError(string Code, string Message);
