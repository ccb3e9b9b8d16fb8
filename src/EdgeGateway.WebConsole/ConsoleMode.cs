namespace EdgeGateway.WebConsole;

/// <summary>What edge-gateway-console was asked to do.</summary>
internal enum ConsoleMode
{
    Run,
    Help,
    Version,
}
