using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Crypto;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// One HJ 212 platform the gateway reports to as a data logger (数采仪): resolved from an entry of gateway.json's
/// <c>platforms</c> list. The gateway dials it as a TCP client; see docs/hj212-uplink.md.
/// </summary>
public sealed record PlatformOptions
{
    /// <summary>The platform's name in the configuration, logs, status and its outbox destination (<see cref="PlatformDestinations.Of"/>).</summary>
    public required string Name { get; init; }

    /// <summary>Where the platform listens: host name or address.</summary>
    public required string Host { get; init; }

    /// <summary>The platform's TCP port.</summary>
    public required int Port { get; init; }

    /// <summary>MN: the data logger's code the platform registered (HJ 212-2025: 24 characters 0-9A-F).</summary>
    public required string Mn { get; init; }

    /// <summary>PW: the access password; a 1072 from the platform replaces it (kept across restarts).</summary>
    public required string Pw { get; init; }

    /// <summary>Edition written into Flag's version bits and deciding the 2025 duties (9015, RF=1, encryption).</summary>
    public Hj212Edition Edition { get; init; } = Hj212Edition.Edition2017;

    /// <summary>ST for readings and for outlets without an entry in <see cref="SystemCodeByOutlet"/>: 31 flue gas, 32 wastewater.</summary>
    public string SystemCode { get; init; } = "32";

    /// <summary>ST per outlet name, for sites with flue-gas and wastewater outlets.</summary>
    public IReadOnlyDictionary<string, string> SystemCodeByOutlet { get; init; } = new Dictionary<string, string>();

    /// <summary>Flag bit 0 on uploads: the platform answers each with 9014, and the gateway waits for it.</summary>
    public bool RepliesWanted { get; init; } = true;

    /// <summary>OverTime: how long the gateway waits for a reply before it re-sends (HJ 212 Table 1: 5 s for ADSL, 10 s for mobile networks).</summary>
    public TimeSpan OverTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>ReCount: how many times an unanswered packet is re-sent, identical, before the exchange is given up.</summary>
    public int ReCount { get; init; } = 3;

    /// <summary>How often a 9015 heartbeat is sent while nothing else is; null: none (the 2017 default).</summary>
    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>How often a 2011 real-time packet is sent (RtdInterval; 1062 changes it, 30-3600 s in the standard).</summary>
    public TimeSpan RealTimeInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Which uploads the gateway sends on its own.</summary>
    public PlatformUploads Uploads { get; init; } = PlatformUploads.RealTime | PlatformUploads.Minute | PlatformUploads.Hour | PlatformUploads.Day | PlatformUploads.Restart;

    /// <summary>The host commands this platform may give beyond the always-allowed ones.</summary>
    public PlatformCommandPermissions AllowedCommands { get; init; } = PlatformCommandPermissions.Default;

    /// <summary>The SM4 key (16 bytes) for HJ 212-2025 encryption, read from a file; null: packets go in plain text.</summary>
    public ReadOnlyMemory<byte>? EncryptionKey { get; init; }

    /// <summary>
    /// When the configured <see cref="EncryptionKey"/> was made (the key file's modification time): the
    /// <c>SKCreateTime</c> of the 1014 key request. Null: the gateway's start.
    /// </summary>
    public DateTimeOffset? EncryptionKeyCreatedAt { get; init; }

    /// <summary>
    /// HJ 212-2025: after each connect, a 1014 key request (<c>SKCreateTime</c> of the key in use, answered 9013) when the
    /// link encrypts; the platform may answer with a 1014 setting a new key.
    /// </summary>
    public bool SendKeyRequest { get; init; } = true;

    /// <summary>HJ 212-2025: after each connect, a 1001 with the logger ID, CPU ID and MACs (answered 9013). Never sent to 2017 platforms.</summary>
    public bool SendHardwareIdentity { get; init; } = true;

    /// <summary>The logger ID (<c>i23005-Info</c>) of the 1001; null: the MN in use.</summary>
    public string? LoggerId { get; init; }

    /// <summary>
    /// How often the gateway asks the platform for the time with a 1013 (answered 9013, then a 1012 from the platform):
    /// once after each connect and then at this interval. Null: never (the default).
    /// </summary>
    public TimeSpan? TimeCalibrationRequestInterval { get; init; }

    /// <summary>
    /// How encrypted packets are written (the wire form HJ 212-2025 leaves open, hj212-tcp.md Part C 4); what the
    /// platform sends is read in either form.
    /// </summary>
    public Hj212EncryptionOptions Encryption { get; init; } = Hj212EncryptionOptions.Default;

    /// <summary>The most of the link's sends re-sent backlog may take while live data wait (0.0-1.0).</summary>
    public double BacklogShare { get; init; } = 0.5;

    /// <summary>The first re-dial delay after a failed or lost connection; doubles up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest re-dial delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Decimals for factors without an entry in <see cref="DecimalsByFactor"/>.</summary>
    public int DefaultDecimals { get; init; } = 3;

    /// <summary>Decimals per factor code, e.g. <c>w01018 → 1</c>.</summary>
    public IReadOnlyDictionary<string, int> DecimalsByFactor { get; init; } = new Dictionary<string, int>();

    /// <summary>Offset of site time, in which DataTime and QN are written; China Standard Time (UTC+8) has no DST.</summary>
    public TimeSpan SiteOffset { get; init; } = TimeSpan.FromHours(8);

    /// <summary>False keeps the platform configured but not dialled (its outbox destination is kept).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>tcp://host:port, for logs and status (never the PW or the key).</summary>
    public string Address => $"tcp://{Host}:{Port}";
}
