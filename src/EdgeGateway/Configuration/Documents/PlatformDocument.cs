namespace EdgeGateway.Configuration.Documents;

/// <summary>
/// One entry of <c>platforms</c>: an HJ 212 platform the gateway dials as a data logger (数采仪) over TCP, with its
/// own outbox cursor (docs/hj212-uplink.md).
/// </summary>
internal sealed class PlatformDocument
{
    /// <summary>Unique, <c>[a-z0-9-]</c>: logs, <c>egw platforms</c> and its outbox destination <c>hj212:{name}</c>.</summary>
    public string? Name { get; set; }

    /// <summary><c>tcp://host:port</c>.</summary>
    public string? Address { get; set; }

    /// <summary>MN: the logger's code the platform registered.</summary>
    public string? Mn { get; set; }

    /// <summary>PW, inline; prefer <see cref="PwFile"/>.</summary>
    public string? Pw { get; set; }

    /// <summary>A file with the PW, or the name of a systemd credential.</summary>
    public string? PwFile { get; set; }

    /// <summary><c>2017</c> or <c>2025</c>.</summary>
    public string? Edition { get; set; }

    /// <summary>ST for readings and outlets without their own; <c>uplink.hj212.systemCode</c>, else 32, when absent.</summary>
    public string? SystemCode { get; set; }

    /// <summary>Flag bit 0 on uploads: the platform answers each with 9014.</summary>
    public bool? RepliesWanted { get; set; }

    /// <summary>OverTime in seconds, 1 to 99.</summary>
    public int? OverTimeSeconds { get; set; }

    /// <summary>ReCount, 1 to 99.</summary>
    public int? ReCount { get; set; }

    /// <summary>Seconds between 9015 heartbeats; 0 for none.</summary>
    public int? HeartbeatSeconds { get; set; }

    /// <summary>Seconds between 2011 real-time uploads (RtdInterval).</summary>
    public int? RealTimeIntervalSeconds { get; set; }

    /// <summary>Of <c>realTime</c>, <c>minute</c>, <c>hour</c>, <c>day</c>, <c>runState</c>, <c>restart</c>.</summary>
    public List<string>? Uploads { get; set; }

    /// <summary>HJ 212-2025 SM4 encryption; absent: plain text.</summary>
    public PlatformEncryptionDocument? Encryption { get; set; }

    /// <summary>Of <c>setTime</c>, <c>calibration</c>, <c>analyzerRoutines</c>, <c>retainSample</c>, <c>setIntervals</c>, <c>setIdentity</c>, <c>setInformation</c>.</summary>
    public List<string>? AllowCommands { get; set; }

    /// <summary>The most of the link's sends the re-sent backlog may take while live data wait, 0 to 1.</summary>
    public double? BacklogShare { get; set; }

    /// <summary>Hours between 1013 time-calibration requests (also one after each connect); 0 or absent: none.</summary>
    public int? TimeCalibrationRequestHours { get; set; }

    /// <summary>HJ 212-2025: a 1001 hardware identity after each connect (default true for 2025).</summary>
    public bool? SendHardwareIdentity { get; set; }

    /// <summary>The 1001's logger ID (<c>i23005-Info</c>); absent: the MN.</summary>
    public string? LoggerId { get; set; }

    /// <summary>HJ 212-2025 with encryption: a 1014 key request after each connect (default true).</summary>
    public bool? SendKeyRequest { get; set; }

    /// <summary>False keeps the platform configured (and its outbox cursor) but not dialled.</summary>
    public bool? Enabled { get; set; }
}
