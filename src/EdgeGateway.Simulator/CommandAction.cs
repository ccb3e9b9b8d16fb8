namespace EdgeGateway.Simulator;

/// <summary>What a profile command makes the simulated analyzer do, judged from the command's name.</summary>
public enum CommandAction
{
    /// <summary>A command the simulator does not model: acknowledged and counted, nothing else.</summary>
    Acknowledge,
    ZeroCheck,
    SpanCheck,
    Blowback,
    RetainSample,
}
