using EdgeGateway.Hj212.Codes;

namespace EdgeGateway.Simulator.Hj212Platform;

/// <summary>How a <see cref="Hj212PlatformSimulator"/> plays the platform.</summary>
public sealed record Hj212PlatformSimulatorOptions
{
    /// <summary>The edition the platform speaks: the Flag version bits it expects and writes (2017: 4/5, 2025: 8/9).</summary>
    public Hj212Edition Edition { get; init; } = Hj212Edition.Edition2017;

    /// <summary>The MN the platform registered for the logger; null accepts any MN.</summary>
    public string? ExpectedMn { get; init; }

    /// <summary>The PW the platform expects; null accepts any. A successful 1072 sent by the simulator replaces it.</summary>
    public string? ExpectedPw { get; init; }

    /// <summary>ST of host commands sent before the logger has sent anything (afterwards its own ST is used).</summary>
    public string SystemCode { get; init; } = "32";

    /// <summary>
    /// How long a host command waits for the next packet of its exchange (the 9011, a data packet, the 9012 or
    /// the 9013) before it is reported as timed out: HJ 212's request and execution timeouts in one.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Offset of site time, in which the QNs of host commands are written (China Standard Time by default).</summary>
    public TimeSpan SiteOffset { get; init; } = TimeSpan.FromHours(8);

    /// <summary>The clock for arrival times, reply delays and schedules.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Host commands sent by the simulator itself to each logger that connects.</summary>
    public IReadOnlyList<Hj212ScheduledCommand> Schedule { get; init; } = [];

    /// <summary>
    /// After answering a 1013 (time-calibration request) with 9013, send the logger a 1012 with the site time, as
    /// HJ 212-2017 says a platform normally does.
    /// </summary>
    public bool SetTimeAfterCalibrationRequest { get; init; }

    /// <summary>
    /// Called for every frame received, after it was checked and before it is answered (on the connection's reader),
    /// one frame at a time in sequence order, and before the frame shows in Received, Problems or the store.
    /// </summary>
    public Action<Hj212ReceivedPacket>? OnReceived { get; init; }

    /// <summary>
    /// Turns a frame whose CP was encrypted (HJ 212-2025 §6.4, SM4) back into the plain frame, which is then
    /// decoded and checked: the length and the CRC are of the plain text. Null: <see cref="EncryptionKey"/> decides.
    /// </summary>
    public Func<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>? DecryptFrame { get; init; }

    /// <summary>
    /// The SM4 key (16 bytes) the loggers encrypt with: frames with an encrypted CP are decrypted with
    /// <see cref="Hj212.Crypto.Hj212CpCipher"/> (either wire form) before they are checked; plain frames pass as they
    /// are. A frame that does not decrypt is checked as received, so its problem is reported. Null: every frame is
    /// taken as plain, unless <see cref="DecryptFrame"/> is set.
    /// </summary>
    public ReadOnlyMemory<byte>? EncryptionKey { get; init; }

    /// <summary>Longest frame kept while waiting for its CR LF; longer unterminated input is dropped as junk.</summary>
    public int MaxFrameBytes { get; init; } = 9812;
}
