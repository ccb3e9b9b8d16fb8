namespace EdgeGateway.Storage;

/// <summary>
/// Names of the outbox's destinations: each platform link the outbox keeps its own acknowledged sequences for (see
/// <see cref="IOutbox.Destinations"/>). Retention deletes only what every destination has acknowledged.
/// </summary>
public static class OutboxDestinations
{
    /// <summary>
    /// The MQTT uplink. It was the only destination before the outbox had destinations: an outbox file of schema
    /// version 1 carries its acknowledgements over to this one.
    /// </summary>
    public const string Mqtt = "mqtt";

    /// <summary>Checks a list of destinations: at least one, none blank, no name twice (names are compared exactly).</summary>
    /// <exception cref="ArgumentException">The list breaks one of those rules; the message says which.</exception>
    public static void Validate(IReadOnlyList<string> destinations, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(destinations, parameterName);
        if (destinations.Count == 0)
        {
            throw new ArgumentException("the outbox needs at least one destination", parameterName);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var destination in destinations)
        {
            if (string.IsNullOrWhiteSpace(destination))
            {
                throw new ArgumentException("an outbox destination's name must not be empty", parameterName);
            }

            if (!seen.Add(destination))
            {
                throw new ArgumentException($"the outbox destination '{destination}' is named twice", parameterName);
            }
        }
    }
}
