namespace EdgeGateway.Control.Contract.Console;

/// <summary>
/// The web console's settings: the <c>console</c> section of gateway.json. Read by the console itself
/// (edge-gateway-console) and checked by the service's <c>--check-config</c> with the same
/// <see cref="ConsoleSettingsCheck"/>, so both refuse the same things.
/// </summary>
/// <param name="Listen">Where the console listens, <c>IP:PORT</c>; loopback by default (reach it over <c>ssh -L</c>).</param>
/// <param name="UsersFile">The users file (<see cref="ConsoleUserFile"/>); when it holds users, the console asks for a login.</param>
/// <param name="Tls">Certificate and key; required on a non-loopback address.</param>
public sealed record ConsoleSettings(string Listen = ConsoleSettings.DefaultListen, string UsersFile = ConsoleSettings.DefaultUsersFile, ConsoleTlsSettings? Tls = null)
{
    public const string DefaultListen = "127.0.0.1:8480";

    public const string DefaultUsersFile = "/etc/edge-gateway/console-users";
}
