namespace EdgeGateway.Uplink.Mqtt;

/// <summary>
/// Handles one command; returns the reply to publish, or null for none. Runs on the link's receive path, one
/// command at a time: answer quickly and hand long work (a history re-send) to a background task.
/// </summary>
/// <param name="request">The command.</param>
/// <param name="cancellationToken">Cancelled when the link shuts down.</param>
public delegate ValueTask<MqttCommandReply?> MqttCommandHandler(MqttCommandRequest request, CancellationToken cancellationToken);
