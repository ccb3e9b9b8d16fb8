using EdgeGateway.Control.Contract;

namespace EdgeGateway.Control;

/// <summary>Answers one well-formed request; the server has already checked the envelope and the version.</summary>
public delegate ValueTask<ControlResponse> ControlRequestHandler(ControlRequest request, ControlCaller caller, CancellationToken cancellationToken);
