namespace EdgeGateway.Configuration;

/// <summary>What the uplink publishes: the JSON contract, HJ 212-2017 packets, or both.</summary>
internal enum UplinkPayloadMode
{
    Json,
    Hj212,
    Both,
}
