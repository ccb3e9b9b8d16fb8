namespace EdgeGateway.WebConsole.Api;

/// <summary>What the page needs to know before anything else: whether to show the login form, and who is logged in.</summary>
/// <param name="LoginRequired">True when the console asks for a login (a users file with users, or a LAN address).</param>
/// <param name="User">The logged-in user; <c>local</c> when no login is asked; null when a login is missing.</param>
/// <param name="Tls">Whether the console is served over TLS.</param>
/// <param name="Socket">The gateway's control socket the console asks.</param>
internal sealed record SessionView(bool LoginRequired, string? User, bool Tls, string Socket);
