namespace EdgeGateway.FieldBus.Polling;

/// <summary>A bus refused work because <see cref="BusPoller.MaxPendingRequests"/> already wait for it: try again shortly.</summary>
public sealed class BusQueueFullException(string message) : InvalidOperationException(message);
