namespace EdgeGateway.Demo;

/// <summary>
/// Printed once at the demo's start, before the platform's lines: what their abbreviations mean, so that a newcomer
/// can read <c>flags N×38 B×2</c>, <c>zs=</c> and <c>flag B, valid</c> without the docs.
/// </summary>
internal static class DemoLegend
{
    public static IReadOnlyList<string> Lines { get; } =
    [
        "edge-gateway demo: how to read the lines below",
        "  platform ← readings seq 1-38: 38 readings, flags N×36 B×2   the readings the platform got since the last such line",
        "      (one line every 10 s), counted by HJ 212 data flag: N normal, B no answer from the analyzer (communication),",
        "      D analyzer fault, C calibration, M maintenance, T over the measuring range, F plant stopped, S manual value",
        "  platform ← aggregates/minute … avg=12.61 zs=16.68   the minute's average as measured, and zs= the same converted",
        "      to the reference O2 (折算值, what the emission limits apply to)",
        "  flag N, valid (33 of 34 samples valid)   the minute record's own flag (wastewater: one abnormal sample flags the",
        "      whole minute, e.g. B), and valid when enough samples were N or S to average (≥ 12 a minute): docs/data-quality.md",
        $"  {DemoAlarmLine.Marker} ALARM …   an alarm raised, updated or cleared (egw alarms lists the active ones)",
        "  status …   every 30 s: devices answering or down, the outbox backlog, the MQTT and HJ 212 links, active alarms",
    ];
}
