namespace EdgeGateway;

/// <summary>What edge-gateway was asked to do.</summary>
internal enum GatewayMode
{
    Run,
    CheckConfig,
    Demo,
    Version,
    Help,
}
