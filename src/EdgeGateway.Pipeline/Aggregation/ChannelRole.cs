namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>What a channel is within its outlet; it decides whether the channel gets Zs and Cou.</summary>
internal enum ChannelRole
{
    /// <summary>Temperature, pressure, humidity, velocity, pH…: Min/Avg/Max only.</summary>
    Condition,

    /// <summary>The outlet's O₂ channel.</summary>
    Oxygen,

    /// <summary>The outlet's flow channel: Cou is the volume.</summary>
    Flow,

    /// <summary>A concentration: Zs when the outlet has O₂ and a reference O₂, Cou (mass) when it has a flow.</summary>
    Pollutant,

    /// <summary>A totaliser (profile <c>totalOf</c>): Min/Avg/Max of the counter; its increases are its rate's Cou.</summary>
    Total,
}
