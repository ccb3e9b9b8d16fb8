using System.Globalization;
using EdgeGateway.Configuration.Documents;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Crypto;
using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.Configuration;

/// <summary>
/// The <c>platforms</c> section: the HJ 212 platforms the gateway dials over TCP, each resolved to its
/// <see cref="PlatformOptions"/>. Every bad value is reported under its key; a PW or a key is never repeated in a
/// message (the messages end up in logs and on screens).
/// </summary>
internal sealed class PlatformSettingsResolver(ConfigErrorCollector errors)
{
    /// <summary>The heartbeat of an HJ 212-2025 platform unless configured: the standard names none; 30-60 s is usual.</summary>
    public const int DefaultHeartbeatSeconds2025 = 60;

    private static readonly (string Name, int Value)[] UploadNames =
    [
        ("realTime", (int)PlatformUploads.RealTime), ("minute", (int)PlatformUploads.Minute), ("hour", (int)PlatformUploads.Hour),
        ("day", (int)PlatformUploads.Day), ("runState", (int)PlatformUploads.RunState), ("restart", (int)PlatformUploads.Restart),
    ];

    private static readonly (string Name, int Value)[] CommandNames =
    [
        ("setTime", (int)PlatformCommandPermissions.SetTime), ("calibration", (int)PlatformCommandPermissions.Calibration),
        ("analyzerRoutines", (int)PlatformCommandPermissions.AnalyzerRoutines), ("retainSample", (int)PlatformCommandPermissions.RetainSample),
        ("setIntervals", (int)PlatformCommandPermissions.SetIntervals), ("setIdentity", (int)PlatformCommandPermissions.SetIdentity),
        ("setInformation", (int)PlatformCommandPermissions.SetInformation),
    ];

    /// <summary>The longest interval between 1013 time-calibration requests: a year.</summary>
    public const int MaxTimeCalibrationRequestHours = 8760;

    // The seam's defaults, for every key left out.
    private static readonly PlatformOptions Defaults = new() { Name = "defaults", Host = "localhost", Port = 1, Mn = "-", Pw = "-" };

    private readonly ConfigErrorCollector _errors = errors;

    /// <param name="documents">The <c>platforms</c> list; null when absent.</param>
    /// <param name="defaultSystemCode">ST when a platform sets none: <c>uplink.hj212.systemCode</c>, else 32.</param>
    /// <param name="systemCodeByOutlet">ST per outlet (<c>outlets[].systemCode</c> or its kind).</param>
    /// <param name="siteOffset">The site's offset (DataTime, QN).</param>
    /// <returns>The platforms that resolved without a problem, in order.</returns>
    public IReadOnlyList<PlatformOptions> Resolve(List<PlatformDocument>? documents, string defaultSystemCode, IReadOnlyDictionary<string, string> systemCodeByOutlet, TimeSpan siteOffset)
    {
        var platforms = new List<PlatformOptions>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var p = 0; p < (documents?.Count ?? 0); p++)
        {
            var key = $"platforms:{p}";
            var before = _errors.Count;
            var document = documents![p];
            var name = Name(document.Name, key + ":name", names);
            var address = Address(document.Address, key + ":address");
            var mn = HeaderValue(_errors.Required(document.Mn, key + ":mn", "the data logger's MN the platform registered"), key + ":mn", 24, secret: false);
            var pw = HeaderValue(Password(document, key), key + (document.PwFile is not null ? ":pwFile" : ":pw"), 64, secret: true);
            var edition = _errors.Choice(document.Edition, key + ":edition", (Hj212Edition?)null, ("2017", Hj212Edition.Edition2017), ("2025", Hj212Edition.Edition2025));
            if (document.Edition is null)
            {
                _errors.Error(key + ":edition", "is required: 2017 or 2025, the edition the platform speaks (ask its operator)");
            }

            var systemCode = document.SystemCode ?? defaultSystemCode;
            if (!ConfigPatterns.SystemCode().IsMatch(systemCode))
            {
                _errors.Error(key + ":systemCode", $"'{systemCode}' is not a two-digit HJ 212 system code");
            }

            var calibrationHours = _errors.Whole(document.TimeCalibrationRequestHours, key + ":timeCalibrationRequestHours", 0, 0, MaxTimeCalibrationRequestHours);
            var encryptionKey = EncryptionKey(document.Encryption, key + ":encryption", edition, out var keyCreatedAt);
            var heartbeat = _errors.Whole(document.HeartbeatSeconds, key + ":heartbeatSeconds", edition == Hj212Edition.Edition2025 ? DefaultHeartbeatSeconds2025 : 0, 0, 3600);
            var options = new PlatformOptions
            {
                Name = name ?? "platform",
                Host = address?.Host ?? "localhost",
                Port = address?.Port ?? 1,
                Mn = mn ?? string.Empty,
                Pw = pw ?? string.Empty,
                Edition = edition ?? Hj212Edition.Edition2017,
                SystemCode = systemCode,
                SystemCodeByOutlet = systemCodeByOutlet,
                RepliesWanted = document.RepliesWanted ?? true,
                OverTime = TimeSpan.FromSeconds(_errors.Whole(document.OverTimeSeconds, key + ":overTimeSeconds", (int)Defaults.OverTime.TotalSeconds, 1, 99)),
                ReCount = _errors.Whole(document.ReCount, key + ":reCount", Defaults.ReCount, 1, 99),
                HeartbeatInterval = heartbeat == 0 ? null : TimeSpan.FromSeconds(heartbeat),
                RealTimeInterval = TimeSpan.FromSeconds(_errors.Whole(document.RealTimeIntervalSeconds, key + ":realTimeIntervalSeconds", (int)Defaults.RealTimeInterval.TotalSeconds, 1, 3600)),
                Uploads = (PlatformUploads)Flags(document.Uploads, key + ":uploads", (int)Defaults.Uploads, UploadNames),
                AllowedCommands = (PlatformCommandPermissions)Flags(document.AllowCommands, key + ":allowCommands", (int)Defaults.AllowedCommands, CommandNames),
                EncryptionKey = encryptionKey,
                EncryptionKeyCreatedAt = keyCreatedAt,
                SendKeyRequest = Only2025(document.SendKeyRequest, key + ":sendKeyRequest", edition, "the 1014 key request"),
                SendHardwareIdentity = Only2025(document.SendHardwareIdentity, key + ":sendHardwareIdentity", edition, "the 1001 hardware identity"),
                LoggerId = document.LoggerId is null ? null : HeaderValue(document.LoggerId, key + ":loggerId", 64, secret: false),
                TimeCalibrationRequestInterval = calibrationHours == 0 ? null : TimeSpan.FromHours(calibrationHours),
                Encryption = EncryptionForm(document.Encryption, key + ":encryption"),
                BacklogShare = BacklogShare(document.BacklogShare, key + ":backlogShare"),
                SiteOffset = siteOffset,
                Enabled = document.Enabled ?? true,
            };

            if (_errors.Count == before)
            {
                platforms.Add(options);
            }
        }

        return platforms;
    }

    private string? Name(string? text, string key, Dictionary<string, string> names)
    {
        var name = _errors.Required(text, key, "names the platform in logs, egw and its outbox destination hj212:{name}");
        if (name is null)
        {
            return null;
        }

        if (!ConfigPatterns.PlatformName().IsMatch(name))
        {
            _errors.Error(key, $"'{name}' may hold only a-z, 0-9 and '-' (1 to 32)");
            return null;
        }

        if (!names.TryAdd(name, key))
        {
            _errors.Error(key, $"duplicate platform name '{name}' (also {ConfigKeyPath.ToDisplay(names[name])}): each platform has its own outbox cursor");
            return null;
        }

        return name;
    }

    private (string Host, int Port)? Address(string? text, string key)
    {
        var address = _errors.Required(text, key, "tcp://host:port of the platform");
        if (address is null)
        {
            return null;
        }

        if (!Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != "tcp" || string.IsNullOrEmpty(uri.Host)
            || uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0 || !string.IsNullOrEmpty(uri.UserInfo))
        {
            _errors.Error(key, $"'{address}' is not tcp://host:port");
            return null;
        }

        // The standard names no port: a default would dial the wrong one.
        if (uri.IsDefaultPort || uri.Port is < 1 or > 65535 || !address.Contains(":" + uri.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            _errors.Error(key, $"'{address}' has no port: HJ 212 names none, so the platform's operator gives it (tcp://host:port)");
            return null;
        }

        return (uri.IdnHost, uri.Port);
    }

    private string? Password(PlatformDocument document, string key)
    {
        if (document.Pw is not null && document.PwFile is not null)
        {
            _errors.Error(key + ":pwFile", "set either pw or pwFile, not both");
            return null;
        }

        if (document.PwFile is { } file)
        {
            if (string.IsNullOrWhiteSpace(file))
            {
                _errors.Error(key + ":pwFile", "must not be empty");
                return null;
            }

            var secret = SecretFiles.TryRead(file, out var problem);
            if (secret is null)
            {
                _errors.Error(key + ":pwFile", problem!);
            }

            return secret;
        }

        return _errors.Required(document.Pw, key + ":pw", "the access password the platform assigned (or pwFile)");
    }

    // MN and PW are written into every packet's header: a separator in one would end the field.
    private string? HeaderValue(string? value, string key, int maxLength, bool secret)
    {
        if (value is null)
        {
            return null;
        }

        var shown = secret ? "it" : $"'{value}'";
        if (value.Length > maxLength)
        {
            _errors.Error(key, $"{shown} has {value.Length} characters; at most {maxLength}");
            return null;
        }

        if (!ConfigPatterns.Hj212HeaderValue().IsMatch(value))
        {
            _errors.Error(key, $"{shown} holds a character a packet header cannot carry: only printable ASCII without spaces, ';', '=', '&' or ','");
            return null;
        }

        return value;
    }

    private int Flags(List<string>? names, string key, int fallback, (string Name, int Value)[] choices)
    {
        if (names is null)
        {
            return fallback;
        }

        var value = 0;
        for (var i = 0; i < names.Count; i++)
        {
            var choice = choices.FirstOrDefault(candidate => string.Equals(candidate.Name, names[i]?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (choice.Name is null)
            {
                _errors.Error($"{key}:{i}", $"'{names[i]}' is not one of: {string.Join(", ", choices.Select(candidate => candidate.Name))}");
                continue;
            }

            value |= choice.Value;
        }

        return value;
    }

    // A 2025 notification: on unless turned off; asking for it on a 2017 platform is a mistake worth naming.
    private bool Only2025(bool? value, string key, Hj212Edition? edition, string what)
    {
        if (value == true && edition == Hj212Edition.Edition2017)
        {
            _errors.Error(key, $"{what} is HJ 212-2025's; this platform's edition is 2017 (leave the key out)");
        }

        return value ?? true;
    }

    // The key and when it was made: the key file's modification time (the 1014 key request names it).
    private ReadOnlyMemory<byte>? EncryptionKey(PlatformEncryptionDocument? document, string key, Hj212Edition? edition, out DateTimeOffset? createdAt)
    {
        createdAt = null;
        if (document is null)
        {
            return null;
        }

        if (edition == Hj212Edition.Edition2017)
        {
            _errors.Error(key, "SM4 encryption is HJ 212-2025's; this platform's edition is 2017");
            return null;
        }

        var file = _errors.Required(document.KeyFile, key + ":keyFile", "the file holding the SM4 key (16 characters or 32 hex digits)");
        if (file is null)
        {
            return null;
        }

        var text = SecretFiles.TryRead(file, out var problem);
        if (text is null)
        {
            _errors.Error(key + ":keyFile", problem!);
            return null;
        }

        if (Sm4KeyText.TryParse(text, out var bytes))
        {
            createdAt = SecretFiles.LastWriteTimeUtc(file);
            return bytes;
        }

        _errors.Error(key + ":keyFile", $"'{file}' does not hold an SM4 key: 16 ASCII characters (as the platform prints it) or 32 hex digits, found {text.Length} characters");
        return null;
    }

    // The wire form is an open question of HJ 212-2025 (hj212-tcp.md Part C 4): the platform's operator says which.
    private Hj212EncryptionOptions EncryptionForm(PlatformEncryptionDocument? document, string key)
    {
        var form = document?.Form switch
        {
            null or "braced" => Hj212CipherTextForm.BracedHexBytes,
            "hex" => Hj212CipherTextForm.HexDigits,
            var other => Invalid(key + ":form", $"'{other}' is not a ciphertext form: 'braced' ({{0xE4,0x3E,…}}, as App. A.2 prints it) or 'hex' (E43E…)", Hj212CipherTextForm.BracedHexBytes),
        };
        var lengthField = document?.LengthField switch
        {
            null or "plain" => Hj212CipherLengthField.PlaintextLength,
            "transmitted" => Hj212CipherLengthField.TransmittedLength,
            var other => Invalid(key + ":lengthField", $"'{other}' is not a length rule: 'plain' (the plain text's length, as App. A.2 prints it) or 'transmitted' (the bytes sent)", Hj212CipherLengthField.PlaintextLength),
        };
        return form == Hj212EncryptionOptions.Default.Form && lengthField == Hj212EncryptionOptions.Default.LengthField
            ? Hj212EncryptionOptions.Default
            : new Hj212EncryptionOptions { Form = form, LengthField = lengthField };
    }

    private T Invalid<T>(string key, string message, T fallback)
    {
        _errors.Error(key, message);
        return fallback;
    }

    private double BacklogShare(double? value, string key)
    {
        if (value is null)
        {
            return Defaults.BacklogShare;
        }

        if (!double.IsFinite(value.Value) || value < 0 || value > 1)
        {
            _errors.Error(key, $"{value.Value.ToString(CultureInfo.InvariantCulture)} is out of range: from 0 to 1 (a share of the link's sends)");
            return Defaults.BacklogShare;
        }

        return value.Value;
    }
}
