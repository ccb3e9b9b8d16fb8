namespace EdgeGateway.FieldBus.Polling;

/// <summary>The detail of a comm-loss or comm-restored event: one device's outage (docs/platform-contract.md).</summary>
/// <param name="Device">The device's name in gateway.json.</param>
/// <param name="Bus">The bus it is on.</param>
/// <param name="Slave">Its Modbus unit id.</param>
/// <param name="Reason">
/// Why its readings are B: <c>noAnswer</c> (the port works, the analyzer is silent) or <c>portLost</c> (the bus's
/// port is gone); the readings' reason is the same.
/// </param>
/// <param name="Start">The first poll without an answer.</param>
/// <param name="End">comm-restored: the first poll answered again; null (absent) in comm-loss.</param>
/// <param name="DurationSeconds">comm-restored: <paramref name="End"/> − <paramref name="Start"/>; null in comm-loss.</param>
/// <param name="FailedPolls">Polls without a value since <paramref name="Start"/>.</param>
/// <param name="FlaggedReadings">Readings flagged B since <paramref name="Start"/> (every channel of every failed poll).</param>
/// <param name="Probes">Of the failed polls, those that asked the device (or reopened the port); the rest cost the bus nothing.</param>
/// <param name="LastError">The last failure, e.g. <c>timeout: no answer from slave 3 within 500 ms</c>.</param>
public sealed record DeviceOutageDetail(
    string Device,
    string Bus,
    int Slave,
    string Reason,
    DateTimeOffset Start,
    DateTimeOffset? End,
    double? DurationSeconds,
    long FailedPolls,
    long FlaggedReadings,
    long Probes,
    string? LastError);
