namespace EdgeGateway.Uplink.Mqtt;

/// <summary>
/// Checks <see cref="MqttLinkOptions"/> and lists every problem at once, each with the property's name, so a
/// misconfigured gateway is fixed in one round rather than one restart per mistake.
/// </summary>
public static class MqttLinkOptionsValidator
{
    private const int MaxKeepAliveSeconds = ushort.MaxValue;
    private const int MaxTopicBytes = ushort.MaxValue;

    /// <summary>Every problem found; empty when the options are usable.</summary>
    /// <remarks>Files (CA, certificate, key, password) are checked for existence here and loaded at every connect.</remarks>
    public static IReadOnlyList<MqttLinkOptionProblem> Validate(MqttLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<MqttLinkOptionProblem>();
        void Report(string option, string message) => problems.Add(new MqttLinkOptionProblem(option, message));

        if (string.IsNullOrWhiteSpace(options.GatewayId))
        {
            Report(nameof(MqttLinkOptions.GatewayId), "is required: it names this gateway in every topic and status message");
        }
        else if (options.GatewayId.AsSpan().IndexOfAny("/+#") >= 0 || options.GatewayId.Any(char.IsControl) || options.GatewayId.Any(char.IsWhiteSpace))
        {
            Report(nameof(MqttLinkOptions.GatewayId), $"'{options.GatewayId}' must not contain '/', '+', '#', spaces or control characters: it is one topic level");
        }

        bool tls = CheckBroker(options, Report);

        if (options.ClientId is not null && (options.ClientId.Length == 0 || options.ClientId.Any(char.IsControl)))
        {
            Report(nameof(MqttLinkOptions.ClientId), "must be non-empty without control characters (or unset for egw-{GatewayId})");
        }

        if (!Enum.IsDefined(options.Protocol))
        {
            Report(nameof(MqttLinkOptions.Protocol), $"{(int)options.Protocol} is not a protocol; use Mqtt5 or Mqtt311");
        }

        CheckTls(options, tls, Report);
        CheckCredentials(options, Report);

        if (options.KeepAlive < TimeSpan.FromSeconds(1) || options.KeepAlive > TimeSpan.FromSeconds(MaxKeepAliveSeconds))
        {
            Report(nameof(MqttLinkOptions.KeepAlive), $"{options.KeepAlive} must be from 1 s to {MaxKeepAliveSeconds} s: without keep-alive a dead 4G link goes unnoticed");
        }

        if (options.SessionExpiry < TimeSpan.Zero || options.SessionExpiry > TimeSpan.FromSeconds(uint.MaxValue))
        {
            Report(nameof(MqttLinkOptions.SessionExpiry), $"{options.SessionExpiry} must be from 0 to {uint.MaxValue} s");
        }
        else if (options.SessionExpiry > TimeSpan.Zero && options.Protocol == MqttProtocolLevel.Mqtt311)
        {
            Report(nameof(MqttLinkOptions.SessionExpiry), "applies to MQTT 5 only; set it to 0 with Mqtt311");
        }

        RequirePositive(options.ConnectTimeout, nameof(MqttLinkOptions.ConnectTimeout), Report);
        RequirePositive(options.ReconnectInitialDelay, nameof(MqttLinkOptions.ReconnectInitialDelay), Report);
        if (options.ReconnectMaxDelay < options.ReconnectInitialDelay)
        {
            Report(nameof(MqttLinkOptions.ReconnectMaxDelay), $"{options.ReconnectMaxDelay} must not be shorter than ReconnectInitialDelay ({options.ReconnectInitialDelay})");
        }

        if (double.IsNaN(options.ReconnectJitter) || options.ReconnectJitter < 0 || options.ReconnectJitter > 1)
        {
            Report(nameof(MqttLinkOptions.ReconnectJitter), $"{options.ReconnectJitter} must be a fraction from 0 to 1");
        }

        if (options.MaxInFlight < 1 || options.MaxInFlight > ushort.MaxValue)
        {
            Report(nameof(MqttLinkOptions.MaxInFlight), $"{options.MaxInFlight} must be from 1 to {ushort.MaxValue}");
        }

        RequirePositive(options.PublishTimeout, nameof(MqttLinkOptions.PublishTimeout), Report);

        if (options.TopicRoot is not null && options.TopicRoot.Length == 0)
        {
            Report(nameof(MqttLinkOptions.TopicRoot), "must not be empty (unset means egw/{gatewayId})");
        }
        else if (!string.IsNullOrWhiteSpace(options.GatewayId))
        {
            CheckTopic(options.EffectiveTopicRoot, nameof(MqttLinkOptions.TopicRoot), Report);
        }

        if (options.StatusTopic is not null)
        {
            CheckTopic(options.StatusTopic, nameof(MqttLinkOptions.StatusTopic), Report);
        }

        if (options.ReplyTopicRoot is not null)
        {
            CheckTopic(options.ReplyTopicRoot, nameof(MqttLinkOptions.ReplyTopicRoot), Report);
        }

        if (!string.IsNullOrWhiteSpace(options.GatewayId))
        {
            CheckReplyTopicRoot(options, Report);
        }

        if (string.IsNullOrWhiteSpace(options.SoftwareVersion))
        {
            Report(nameof(MqttLinkOptions.SoftwareVersion), "must not be empty: the birth message announces it");
        }

        return problems;
    }

    /// <summary>Throws <see cref="InvalidMqttLinkOptionsException"/> listing every problem, if there is any.</summary>
    public static void ThrowIfInvalid(MqttLinkOptions options)
    {
        IReadOnlyList<MqttLinkOptionProblem> problems = Validate(options);
        if (problems.Count > 0)
        {
            throw new InvalidMqttLinkOptionsException(problems);
        }
    }

    /// <returns>Whether the link will use TLS, as far as can be told.</returns>
    private static bool CheckBroker(MqttLinkOptions options, Action<string, string> report)
    {
        if (options.BrokerUrl is not null)
        {
            bool tls = false;
            if (MqttBrokerEndpoint.TryParseUrl(options.BrokerUrl, out MqttBrokerEndpoint? endpoint, out string? error))
            {
                tls = endpoint.UseTls;
            }
            else
            {
                report(nameof(MqttLinkOptions.BrokerUrl), error);
            }

            // One source of truth for the address: a URL plus a host would leave a reader guessing which wins.
            if (options.Host is not null)
            {
                report(nameof(MqttLinkOptions.Host), "set either BrokerUrl or Host, not both");
            }

            if (options.Port is not null)
            {
                report(nameof(MqttLinkOptions.Port), "set the port in BrokerUrl (mqtt[s]://host:port), not separately");
            }

            if (options.UseTls && !tls && endpoint is not null)
            {
                report(nameof(MqttLinkOptions.UseTls), "contradicts the mqtt:// BrokerUrl; use mqtts:// for TLS");
            }

            return tls || options.UseTls;
        }

        if (string.IsNullOrWhiteSpace(options.Host))
        {
            report(nameof(MqttLinkOptions.Host), "no broker given: set BrokerUrl (mqtt[s]://host:port) or Host");
        }
        else if (options.Host.Any(char.IsWhiteSpace) || options.Host.Contains('/', StringComparison.Ordinal))
        {
            report(nameof(MqttLinkOptions.Host), $"'{options.Host}' is not a host name or address");
        }

        if (options.Port is < 1 or > ushort.MaxValue)
        {
            report(nameof(MqttLinkOptions.Port), $"{options.Port} must be from 1 to {ushort.MaxValue}");
        }

        return options.UseTls;
    }

    private static void CheckTls(MqttLinkOptions options, bool tls, Action<string, string> report)
    {
        const string NeedsTls = "needs TLS: set UseTls or use an mqtts:// BrokerUrl";
        CheckTlsFile(options.CaFile, nameof(MqttLinkOptions.CaFile), tls, NeedsTls, report);
        CheckTlsFile(options.ClientCertificateFile, nameof(MqttLinkOptions.ClientCertificateFile), tls, NeedsTls, report);
        CheckTlsFile(options.ClientKeyFile, nameof(MqttLinkOptions.ClientKeyFile), tls, NeedsTls, report);
        if (options.ClientCertificateFile is not null && options.ClientKeyFile is null)
        {
            report(nameof(MqttLinkOptions.ClientKeyFile), "is required with ClientCertificateFile (mutual TLS needs the private key)");
        }
        else if (options.ClientKeyFile is not null && options.ClientCertificateFile is null)
        {
            report(nameof(MqttLinkOptions.ClientCertificateFile), "is required with ClientKeyFile");
        }

        if (options.ServerName is not null && (!tls || string.IsNullOrWhiteSpace(options.ServerName)))
        {
            report(nameof(MqttLinkOptions.ServerName), tls ? "must not be empty" : NeedsTls);
        }

        if (options.CheckCertificateRevocation && !tls)
        {
            report(nameof(MqttLinkOptions.CheckCertificateRevocation), NeedsTls);
        }
    }

    private static void CheckTlsFile(string? path, string option, bool tls, string needsTls, Action<string, string> report)
    {
        if (path is null)
        {
            return;
        }

        if (!tls)
        {
            report(option, needsTls);
        }
        else if (!File.Exists(path))
        {
            report(option, $"'{path}' does not exist");
        }
    }

    private static void CheckCredentials(MqttLinkOptions options, Action<string, string> report)
    {
        if (options.Password is not null && options.PasswordFile is not null)
        {
            report(nameof(MqttLinkOptions.PasswordFile), "set either Password or PasswordFile, not both");
        }

        // MQTT 3.1.1 forbids a password without a user name [MQTT-3.1.2-22]; brokers refuse it under 5 too in practice.
        if ((options.Password is not null || options.PasswordFile is not null) && string.IsNullOrEmpty(options.Username))
        {
            report(nameof(MqttLinkOptions.Username), "is required when a password is set");
        }

        if (options.PasswordFile is not null)
        {
            string resolved = CredentialFiles.Resolve(options.PasswordFile);
            if (!File.Exists(resolved))
            {
                report(nameof(MqttLinkOptions.PasswordFile), resolved == options.PasswordFile
                    ? $"'{options.PasswordFile}' does not exist"
                    : $"'{resolved}' (from ${CredentialFiles.CredentialsDirectoryVariable}) does not exist");
            }
        }
    }

    // Replies go to any topic below the reply root, so it must be apart from every topic the gateway publishes data or
    // status on and from its command topics (a reply there would be read as data, or run as a command).
    private static void CheckReplyTopicRoot(MqttLinkOptions options, Action<string, string> report)
    {
        string replyRoot = options.EffectiveReplyTopicRoot;
        string root = options.EffectiveTopicRoot;
        string[] own = [root + "/readings", root + "/aggregates", root + "/events", root + "/hj212", root + "/cmd", options.EffectiveStatusTopic];
        string? clash = own.FirstOrDefault(topic =>
            topic == replyRoot
            || topic.StartsWith(replyRoot + "/", StringComparison.Ordinal)
            || replyRoot.StartsWith(topic + "/", StringComparison.Ordinal));
        if (clash is not null)
        {
            report(nameof(MqttLinkOptions.ReplyTopicRoot), $"'{replyRoot}' overlaps the gateway's own topic '{clash}': replies must go to a subtree of their own (default {root}/reply)");
        }
    }

    private static void CheckTopic(string topic, string option, Action<string, string> report)
    {
        if (topic.Length == 0)
        {
            report(option, "must not be empty");
        }
        else if (topic.AsSpan().IndexOfAny("+#\0") >= 0)
        {
            report(option, $"'{topic}' must not contain wildcards ('+', '#') or NUL: it is a topic, not a filter");
        }
        else if (topic.StartsWith('$'))
        {
            report(option, $"'{topic}' must not start with '$': brokers reserve those topics");
        }
        else if (topic.EndsWith('/'))
        {
            report(option, $"'{topic}' must not end with '/'");
        }
        else if (System.Text.Encoding.UTF8.GetByteCount(topic) > MaxTopicBytes / 2)
        {
            report(option, $"is {topic.Length} characters long; keep it short, it prefixes every message");
        }
    }

    private static void RequirePositive(TimeSpan value, string option, Action<string, string> report)
    {
        if (value <= TimeSpan.Zero)
        {
            report(option, $"{value} must be longer than zero");
        }
    }
}
