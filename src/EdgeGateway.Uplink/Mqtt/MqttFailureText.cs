using System.Net.Sockets;
using System.Security.Authentication;
using MQTTnet;
using MQTTnet.Exceptions;

namespace EdgeGateway.Uplink.Mqtt;

/// <summary>What went wrong with the broker, in words a technician can act on (the link's <c>Problem</c> and its log).</summary>
internal static class MqttFailureText
{
    /// <summary>An exception that means the connection is gone (or going), not a bug.</summary>
    public static bool IsConnectionFailure(Exception exception) =>
        exception is MqttCommunicationException or ObjectDisposedException or IOException or SocketException or AuthenticationException;

    public static string DescribeRefusal(MqttClientConnectResult result, string clientId)
    {
        string what = result.ResultCode switch
        {
            MqttClientConnectResultCode.BadUserNameOrPassword => "bad user name or password: check Username and Password/PasswordFile",
            // mosquitto 2.0 answers a wrong password with this code too, not with BadUserNameOrPassword.
            MqttClientConnectResultCode.NotAuthorized =>
                $"not authorised: the broker does not let client '{clientId}' connect with these credentials or this certificate (check Username and Password/PasswordFile)",
            MqttClientConnectResultCode.ClientIdentifierNotValid => $"client id '{clientId}' not accepted: check ClientId",
            MqttClientConnectResultCode.UnsupportedProtocolVersion => "the broker does not speak this MQTT version: try Protocol = Mqtt311",
            MqttClientConnectResultCode.Banned => "this client is banned by the broker",
            MqttClientConnectResultCode.BadAuthenticationMethod => "the broker does not accept this authentication method",
            MqttClientConnectResultCode.ServerUnavailable or MqttClientConnectResultCode.ServerBusy => "the broker is unavailable or busy",
            MqttClientConnectResultCode.UseAnotherServer or MqttClientConnectResultCode.ServerMoved =>
                $"the broker redirects to '{result.ServerReference}': update BrokerUrl",
            MqttClientConnectResultCode.QuotaExceeded or MqttClientConnectResultCode.ConnectionRateExceeded => "connection quota or rate exceeded",
            _ => "refused",
        };
        string reason = string.IsNullOrEmpty(result.ReasonString) ? string.Empty : $", \"{result.ReasonString}\"";
        return $"the broker refused the connection: {what} (CONNACK {result.ResultCode}{reason})";
    }

    public static string DescribeConnectFailure(Exception exception, MqttBrokerEndpoint broker, bool clientCertificate)
    {
        string described = Describe(exception);
        if (Innermost<AuthenticationException>(exception) is not null)
        {
            return $"TLS handshake failed: {described} (check CaFile, ServerName and the broker's certificate)";
        }

        SocketException? socket = Innermost<SocketException>(exception);
        if (socket?.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable
            or SocketError.NetworkUnreachable or SocketError.TimedOut or SocketError.TryAgain or SocketError.NoData)
        {
            return $"cannot reach {broker}: {socket.SocketErrorCode} ({socket.Message})";
        }

        // With TLS 1.3 the client's side of the handshake is done before the broker has checked the client
        // certificate, so a refused certificate shows up as a reset or closed connection instead of a CONNACK.
        if (broker.UseTls && clientCertificate)
        {
            return $"the broker closed the connection during the TLS/MQTT handshake: {described} (a client certificate it does not trust looks like this: check ClientCertificateFile and the broker's CA)";
        }

        return socket is null ? described : $"connection to {broker} failed: {socket.SocketErrorCode} ({described})";
    }

    private static T? Innermost<T>(Exception exception)
        where T : Exception
    {
        T? found = null;
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                found = match;
            }
        }

        return found;
    }

    public static string Describe(Exception exception)
    {
        // The outermost message says what MQTTnet was doing; the innermost says what actually went wrong.
        Exception innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return ReferenceEquals(innermost, exception) || exception.Message.Contains(innermost.Message, StringComparison.Ordinal)
            ? $"{exception.GetType().Name}: {exception.Message}"
            : $"{exception.GetType().Name}: {exception.Message} ({innermost.GetType().Name}: {innermost.Message})";
    }
}
