using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Crypto;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Primitives.Counting;
using EdgeGateway.Uplink.Hj212;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// What one platform link's parts share across its sessions: the options, dependencies, counters, one QN clock (so
/// no two of its packets share a QN), and what the platform may change at run time (PW, MN, intervals, real-time on
/// or off), under one lock that is never held across an await.
/// </summary>
internal sealed class PlatformLinkContext
{
    private Hj212CpCipher? _cipher;
    private string? _cipherKeyHex;

    private readonly Lock _gate = new();
    private PlatformIdentity _identity;
    private Hj212UplinkEncoder? _encoder;
    private bool _realTimeOn;
    private bool _runStateOn;
    private DateTimeOffset? _lastHeardAt;
    private (string Command, string Result, DateTimeOffset At)? _lastHostCommand;

    public PlatformLinkContext(PlatformOptions options, PlatformLinkDependencies dependencies, PlatformIdentity identity)
    {
        Options = options;
        Dependencies = dependencies;
        Destination = PlatformDestinations.Of(options.Name);
        _identity = identity;
        _realTimeOn = options.Uploads.HasFlag(PlatformUploads.RealTime);
        _runStateOn = options.Uploads.HasFlag(PlatformUploads.RunState);
        QnClock = new Hj212QnClock(() => SiteNow);
    }

    public PlatformOptions Options { get; }

    public PlatformLinkDependencies Dependencies { get; }

    public string Destination { get; }

    public Hj212QnClock QnClock { get; }

    public CounterSet<PlatformLinkCounter> Counters { get; } = new();

    public TimeProvider Time => Dependencies.Time;

    /// <summary>Whether Flag says "2025" for this platform.</summary>
    public bool Is2025 => Options.Edition == Hj212Edition.Edition2025;

    /// <summary>The site's wall clock, in which DataTime, SystemTime and QN are written.</summary>
    public DateTime SiteNow => Time.GetUtcNow().ToOffset(Options.SiteOffset).DateTime;

    public string Pw
    {
        get
        {
            lock (_gate)
            {
                return _identity.Pw ?? Options.Pw;
            }
        }
    }

    /// <summary>
    /// The HJ 212-2025 CP cipher (SM4), when this platform is on the 2025 edition and has a key: the one it set with
    /// 1014, else the configured one. Null: packets go in plain text.
    /// </summary>
    public Hj212CpCipher? Cipher
    {
        get
        {
            if (!Is2025)
            {
                return null;
            }

            lock (_gate)
            {
                var hex = _identity.EncryptionKeyHex;
                if (!string.Equals(hex, _cipherKeyHex, StringComparison.Ordinal) || (_cipher is null && (hex is not null || Options.EncryptionKey is not null)))
                {
                    var key = hex is not null ? Convert.FromHexString(hex) : Options.EncryptionKey?.ToArray();
                    _cipher = key is null ? null : new Hj212CpCipher(key, Options.Encryption);
                    _cipherKeyHex = hex;
                }

                return _cipher;
            }
        }
    }

    /// <summary>
    /// When the key in use was made, for the 1014 key request: the one a 1014 set (its <c>SKCreateTime</c>), else the
    /// configured one's (<see cref="PlatformOptions.EncryptionKeyCreatedAt"/>), else the gateway's start.
    /// </summary>
    public DateTimeOffset EncryptionKeyCreatedAt
    {
        get
        {
            lock (_gate)
            {
                var created = _identity.EncryptionKeyHex is not null ? _identity.EncryptionKeyCreatedAt : Options.EncryptionKeyCreatedAt;
                return created ?? Dependencies.SoftwareStartedAt;
            }
        }
    }

    public string Mn
    {
        get
        {
            lock (_gate)
            {
                return _identity.Mn ?? Options.Mn;
            }
        }
    }

    public TimeSpan RealTimeInterval
    {
        get
        {
            lock (_gate)
            {
                return _identity.RealTimeIntervalSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : Options.RealTimeInterval;
            }
        }
    }

    /// <summary>MinInterval in minutes (1063); 1 unless a 1064 set it.</summary>
    public int MinuteIntervalMinutes
    {
        get
        {
            lock (_gate)
            {
                return _identity.MinuteIntervalMinutes ?? 1;
            }
        }
    }

    /// <summary>2011 uploads on (configured, a host 2011) or off (a host 2012).</summary>
    public bool RealTimeOn
    {
        get
        {
            lock (_gate)
            {
                return _realTimeOn;
            }
        }

        set
        {
            lock (_gate)
            {
                _realTimeOn = value;
            }
        }
    }

    /// <summary>2021 uploads of the run-state channels on (configured, a host 2021) or off (a host 2022).</summary>
    public bool RunStateOn
    {
        get
        {
            lock (_gate)
            {
                return _runStateOn;
            }
        }

        set
        {
            lock (_gate)
            {
                _runStateOn = value;
            }
        }
    }

    /// <summary>Who the gateway speaks as in packets of <paramref name="systemCode"/> (default: the platform's ST).</summary>
    public Hj212Station Station(string? systemCode = null) => new(systemCode ?? Options.SystemCode, Pw, Mn, Options.Edition);

    /// <summary>The encoder of uploads, built anew when PW or MN changed.</summary>
    public Hj212UplinkEncoder Encoder
    {
        get
        {
            lock (_gate)
            {
                var pw = _identity.Pw ?? Options.Pw;
                var mn = _identity.Mn ?? Options.Mn;
                if (_encoder is null || _encoder.Options.Pw != pw || _encoder.Options.Mn != mn)
                {
                    _encoder = new Hj212UplinkEncoder(Dependencies.Channels, EncoderOptions(pw, mn), QnClock, Is2025 ? PlatformFrames.ResentMarkBytes : 0, platformSelection: true);
                }

                return _encoder;
            }
        }
    }

    /// <summary>Applies a platform's change and saves it; a failed save is logged and the change holds until a restart.</summary>
    public void Change(Func<PlatformIdentity, PlatformIdentity> change)
    {
        PlatformIdentity changed;
        lock (_gate)
        {
            changed = change(_identity);
            _identity = changed;
        }

        try
        {
            Dependencies.IdentityStore.Save(Options.Name, changed);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            PlatformLinkLog.IdentityNotSaved(Dependencies.Logger, Options.Name, exception);
        }
    }

    private Hj212UplinkOptions EncoderOptions(string pw, string mn) => new()
    {
        Mn = mn,
        Pw = pw,
        SystemCode = Options.SystemCode,
        SystemCodeByOutlet = Options.SystemCodeByOutlet,
        Edition = Options.Edition,
        DefaultDecimals = Options.DefaultDecimals,
        DecimalsByFactor = Options.DecimalsByFactor,
        SiteOffset = Options.SiteOffset,
        AcknowledgementRequired = Options.RepliesWanted,
    };

    /// <summary>When the platform last sent anything.</summary>
    public DateTimeOffset? LastHeardAt
    {
        get
        {
            lock (_gate)
            {
                return _lastHeardAt;
            }
        }
    }

    /// <summary>The last host command, how it ended and when.</summary>
    public (string Command, string Result, DateTimeOffset At)? LastHostCommand
    {
        get
        {
            lock (_gate)
            {
                return _lastHostCommand;
            }
        }
    }

    /// <summary>Called (from the session's reader) each time the platform sent something.</summary>
    public Action? Heard { get; set; }

    public void MarkHeard()
    {
        var now = Time.GetUtcNow();
        lock (_gate)
        {
            _lastHeardAt = now;
        }

        Heard?.Invoke();
    }

    public void RecordHostCommand(string command, string result)
    {
        var now = Time.GetUtcNow();
        lock (_gate)
        {
            _lastHostCommand = (command, result, now);
        }
    }
}
