namespace EdgeGateway.Simulator;

/// <summary>Maps profile command names (camelCase, free) onto what the simulator does with them.</summary>
public static class CommandActions
{
    public static CommandAction Classify(string commandName)
    {
        ArgumentNullException.ThrowIfNull(commandName);
        var name = commandName.ToLowerInvariant();
        if (name.Contains("zero", StringComparison.Ordinal))
        {
            return CommandAction.ZeroCheck;
        }

        if (name.Contains("span", StringComparison.Ordinal) || name.Contains("calibrat", StringComparison.Ordinal))
        {
            return CommandAction.SpanCheck;
        }

        if (name.Contains("blow", StringComparison.Ordinal) || name.Contains("purge", StringComparison.Ordinal))
        {
            return CommandAction.Blowback;
        }

        if (name.Contains("retain", StringComparison.Ordinal) || name.Contains("keepsample", StringComparison.Ordinal))
        {
            return CommandAction.RetainSample;
        }

        return CommandAction.Acknowledge;
    }
}
