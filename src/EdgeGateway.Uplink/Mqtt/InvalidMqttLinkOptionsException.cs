namespace EdgeGateway.Uplink.Mqtt;

/// <summary>Thrown by <see cref="MqttLinkOptionsValidator.ThrowIfInvalid"/> and <see cref="MqttLink"/> with every problem found at once.</summary>
public sealed class InvalidMqttLinkOptionsException : Exception
{
    public InvalidMqttLinkOptionsException()
        : this([])
    {
    }

    public InvalidMqttLinkOptionsException(string message)
        : base(message)
    {
        Problems = [];
    }

    public InvalidMqttLinkOptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public InvalidMqttLinkOptionsException(IReadOnlyList<MqttLinkOptionProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem, in property order.</summary>
    public IReadOnlyList<MqttLinkOptionProblem> Problems { get; }

    private static string Describe(IReadOnlyList<MqttLinkOptionProblem> problems) =>
        "Invalid MQTT link options:" + string.Concat(problems.Select(problem => Environment.NewLine + "  " + problem));
}
