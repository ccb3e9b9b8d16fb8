using System.Text.Json;
using EdgeGateway.Primitives.Commands;

namespace EdgeGateway.Control.Contract;

/// <summary>One response line: <see cref="Result"/> when <see cref="Ok"/>, else <see cref="Error"/>.</summary>
public sealed record ControlResponse(int V, string? Id, bool Ok, JsonElement? Result = null, ControlError? Error = null)
{
    public static ControlResponse Success(string? id, JsonElement result) => new(ControlProtocol.Version, id, true, result);

    public static ControlResponse Failure(string? id, string code, string message) => new(ControlProtocol.Version, id, false, Error: new ControlError(code, message));

    /// <summary>An <c>invalid-argument</c> error, its message prefixed with the command: "calibrate: reference is required".</summary>
    public static ControlResponse InvalidArgument(ControlRequest request, string message)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Failure(request.Id, CommandErrorCodes.InvalidArgument, $"{request.Command}: {message}");
    }
}
