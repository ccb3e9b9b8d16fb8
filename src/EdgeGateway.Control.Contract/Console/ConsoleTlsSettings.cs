namespace EdgeGateway.Control.Contract.Console;

/// <summary>The web console's TLS certificate and private key, PEM files (<c>console.tls</c> in gateway.json).</summary>
/// <param name="Certificate">The certificate (chain) file, PEM.</param>
/// <param name="Key">The private key file, PEM, unencrypted.</param>
public sealed record ConsoleTlsSettings(string? Certificate, string? Key);
