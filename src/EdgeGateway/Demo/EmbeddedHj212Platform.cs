using System.Globalization;
using System.Text;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Simulator.Hj212Platform;

namespace EdgeGateway.Demo;

/// <summary>
/// The demo's own HJ 212 platform: the platform simulator on a free loopback port, expecting the demo's MN and PW,
/// printing one short line per packet it receives (time, CN, QN, the start of the CP, and what breaks the rules).
/// The link uploads real-time data and run state every 30 s, minute records and heartbeats, so the lines stay readable.
/// </summary>
internal sealed class EmbeddedHj212Platform : IDisposable
{
    private const int ShortCpChars = 72;

    private readonly Hj212PlatformSimulator _simulator;

    private EmbeddedHj212Platform(Hj212PlatformSimulator simulator) => _simulator = simulator;

    /// <summary>tcp://127.0.0.1:port, for the demo's platforms[].address.</summary>
    public string Address => string.Create(CultureInfo.InvariantCulture, $"tcp://127.0.0.1:{_simulator.Endpoint.Port}");

    public static EmbeddedHj212Platform Start(Hj212Edition edition, TextWriter output)
    {
        var gate = new Lock();
        var simulator = Hj212PlatformSimulator.Start("127.0.0.1:0", new Hj212PlatformSimulatorOptions
        {
            Edition = edition,
            ExpectedMn = DemoConfiguration.Hj212Mn,
            ExpectedPw = DemoConfiguration.Hj212Pw,
            OnReceived = record =>
            {
                var line = Describe(record);
                lock (gate)
                {
                    output.WriteLine(line);
                }
            },
        });
        return new EmbeddedHj212Platform(simulator);
    }

    /// <summary>One line: <c>10:15:30 hj212 ← CN=2011 QN=20261207101530123 CP=DataTime=…;a21026-Rtd=9.8,…</c>.</summary>
    public static string Describe(Hj212ReceivedPacket record)
    {
        var cp = (record.Packet ?? record.UncheckedPacket)?.Cp.ToString() ?? "?";
        var text = new StringBuilder()
            .Append(record.ArrivedAt.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture))
            .Append(" hj212 ← CN=").Append(record.Cn ?? "?")
            .Append(" QN=").Append(record.Qn ?? "-")
            .Append(" CP=").Append(cp.Length <= ShortCpChars ? cp : string.Concat(cp.AsSpan(0, ShortCpChars - 1), "…"));
        if (record.IsRepeat)
        {
            text.Append(" (repeat)");
        }

        if (record.Problems.Count > 0)
        {
            text.Append(" ! ").AppendJoin("; ", record.Problems);
        }

        return text.ToString();
    }

    public void Dispose() => _simulator.Dispose();
}
