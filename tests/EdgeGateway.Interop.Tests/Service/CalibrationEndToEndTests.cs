using System.Text.Json;
using EdgeGateway.Interop.Tests.Cli;
using EdgeGateway.Interop.Tests.Mqtt;

namespace EdgeGateway.Interop.Tests.Service;

/// <summary>
/// A zero/span calibration through <c>egw</c> against the running service, on a simulated CEMS whose SO2 reads
/// 1.08 × true + 6 mg/m³: the analyzer's own zero and span checks (its command registers, through the bus queue)
/// put zero gas and 400 mg/m³ span gas on it, egw measures the two points, applies the coefficients; the published
/// values then match the true signal, the readings during the procedure are flagged C, the audit trail and the
/// platform's events show every step, and the coefficients survive a restart.
/// </summary>
public sealed class CalibrationEndToEndTests
{
    private const double SensorGain = 1.08;
    private const double SensorOffset = 6;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Zero_and_span_through_egw_correct_a_drifted_analyzer_flag_C_meanwhile_and_are_audited_announced_and_kept()
    {
        await using var site = await ServiceTestSite.StartAsync();
        site.Cems.SetSensorError("so2", SensorGain, SensorOffset);
        var gateway = site.StartGateway();
        try
        {
            await Poll.UntilAsync(() => So2(site).Count(reading => reading.Flag == "N") >= 3, Timeout, () => "SO2 readings\n" + gateway.Output);
            Assert.True(Ratio(site, So2(site).Where(reading => reading.Flag == "N")) > 1.05, "before calibration the drifted analyzer reads high");

            var zeroRoutine = Egw.Run("analyzer", "cems.so2", "zero", "--socket", site.ControlSocket);
            Assert.True(zeroRoutine.ExitCode == 0, zeroRoutine.ToString());
            Assert.Contains("cems: zero started (holding 60 = 1)", zeroRoutine.Output, StringComparison.Ordinal);
            var procedureStart = DateTimeOffset.UtcNow;
            var zero = Egw.Run("calibrate", "cems.so2", "zero", "--reference", "0", "--settle", "3s", "--average", "5s", "--socket", site.ControlSocket);
            Assert.True(zero.ExitCode == 0, zero.ToString() + gateway.Output);
            Assert.Contains("cems.so2: zero point stored: reference 0, read 6 ", zero.Output, StringComparison.Ordinal);

            var spanRoutine = Egw.Run("analyzer", "cems.so2", "span", "--socket", site.ControlSocket);
            Assert.True(spanRoutine.ExitCode == 0, spanRoutine.ToString());
            var span = Egw.Run("calibrate", "cems.so2", "span", "--reference", "400", "--settle", "3s", "--average", "5s", "--socket", site.ControlSocket);
            Assert.True(span.ExitCode == 0, span.ToString());
            Assert.Contains("cems.so2: span point stored: reference 400, read 438 ", span.Output, StringComparison.Ordinal);

            // Answering "n" changes nothing; --yes applies.
            var declined = Egw.RunWithInput("n\n", "calibrate", "cems.so2", "apply", "--socket", site.ControlSocket);
            Assert.Equal(1, declined.ExitCode);
            Assert.Matches(@"gain\s+1\s+0\.9259\n", declined.Output);
            var apply = Egw.Run("calibrate", "cems.so2", "apply", "--yes", "--reason", "quarterly check", "--socket", site.ControlSocket);
            Assert.True(apply.ExitCode == 0, apply.ToString());
            Assert.Contains("cems.so2: applied: gain 0.9259, offset -5.5556", apply.Output, StringComparison.Ordinal);
            var applied = PlatformStream.HighestSequence(site.Platform.Messages);
            var procedureEnd = DateTimeOffset.UtcNow;

            // Every SO2 reading polled during the procedure is flagged C (by the analyzer's status and the gateway's window).
            var during = So2(site).Where(reading => reading.Time > procedureStart.AddSeconds(2) && reading.Time < procedureEnd.AddSeconds(-1)).ToList();
            Assert.True(during.Count >= 10, $"{during.Count} readings during the procedure");
            Assert.All(during, reading => Assert.Equal("C", reading.Flag));

            // Once the analyzer's span check is over, the published values are the true signal.
            await Poll.UntilAsync(() => So2(site).Count(reading => reading.Sequence > applied && reading.Flag == "N") >= 5, Timeout, () => "SO2 readings flagged N after apply\n" + gateway.Output);
            Assert.Equal(1.0, Ratio(site, So2(site).Where(reading => reading.Sequence > applied && reading.Flag == "N")), 2);

            var audit = Egw.Run("audit", "--json", "--since", "1h", "--socket", site.ControlSocket);
            var actions = JsonDocument.Parse(audit.Output).RootElement.EnumerateArray().Select(entry => entry.GetProperty("action").GetString()).ToArray();
            Assert.Equal(["analyzer-zero", "calibrate-zero", "analyzer-span", "calibrate-span", "calibrate-apply"], actions);
            await Poll.UntilAsync(() => Events(site).Any(text => text.StartsWith("calibration applied to cems.so2", StringComparison.Ordinal)), Timeout, "the apply event at the platform");
            var events = Events(site);
            Assert.Contains(events, text => text.StartsWith("zero routine started on cems", StringComparison.Ordinal));
            Assert.Contains(events, text => text.StartsWith("zero point of cems.so2 stored", StringComparison.Ordinal));
            Assert.Contains(events, text => text.StartsWith("span point of cems.so2 stored", StringComparison.Ordinal));

            // A restart keeps the coefficients: values after it are still corrected.
            Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
            gateway.Dispose();
            gateway = site.StartGateway();
            var restarted = PlatformStream.HighestSequence(site.Platform.Messages);
            await Poll.UntilAsync(() => So2(site).Count(reading => reading.Sequence > restarted && reading.Flag == "N") >= 3, Timeout, () => "SO2 readings after the restart\n" + gateway.Output);
            Assert.Equal(1.0, Ratio(site, So2(site).Where(reading => reading.Sequence > restarted && reading.Flag == "N")), 2);
            var show = Egw.Run("calibrate", "cems.so2", "show", "--socket", site.ControlSocket);
            Assert.Contains("cems.so2 (mg/m³): gain 0.9259, offset -5.5556", show.Output, StringComparison.Ordinal);

            // Revert puts the drift back, and says so in the history.
            var revert = Egw.Run("calibrate", "cems.so2", "revert", "--yes", "--socket", site.ControlSocket);
            Assert.True(revert.ExitCode == 0, revert.ToString());
            Assert.Contains("reverted: gain 1, offset 0", revert.Output, StringComparison.Ordinal);
            var history = Egw.Run("calibrate", "cems.so2", "history", "--json", "--socket", site.ControlSocket);
            Assert.Equal(["revert", "apply"], JsonDocument.Parse(history.Output).RootElement.EnumerateArray().Select(change => change.GetProperty("action").GetString()));
            Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            gateway.Dispose();
        }
    }

    [Fact]
    public async Task Analyzer_and_calibrate_refuse_what_cannot_be_done_with_the_reason()
    {
        await using var site = await ServiceTestSite.StartAsync();
        using var gateway = site.StartGateway();
        await Poll.UntilAsync(() => So2(site).Count >= 1, Timeout, () => "SO2 readings\n" + gateway.Output);

        var noSpan = Egw.Run("analyzer", "dust.flow", "span", "--socket", site.ControlSocket);
        Assert.Equal(1, noSpan.ExitCode);
        Assert.Contains("profile particulate-flow-meter of dust declares no 'span' command; it declares: blowback, zero", noSpan.Error, StringComparison.Ordinal);
        var unknown = Egw.Run("calibrate", "cems.so3", "zero", "--reference", "0", "--socket", site.ControlSocket);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no channel 'cems.so3'", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, Egw.Run("calibrate", "cems.so2", "zero", "--socket", site.ControlSocket).ExitCode);
        var nothing = Egw.Run("calibrate", "cems.so2", "apply", "--yes", "--socket", site.ControlSocket);
        Assert.Equal(1, nothing.ExitCode);
        Assert.Contains("has no zero and span points since its last apply", nothing.Error, StringComparison.Ordinal);

        // The dust meter is pymodbus over a pty: its blow-back register is written through the bus queue.
        var blowback = Egw.Run("analyzer", "dust.flow", "blowback", "--for", "2m", "--socket", site.ControlSocket);
        Assert.True(blowback.ExitCode == 0, blowback.ToString());
        Assert.Contains("flagged M until", blowback.Output, StringComparison.Ordinal);
        var after = PlatformStream.HighestSequence(site.Platform.Messages);
        await Poll.UntilAsync(() => PlatformStream.Readings(site.Platform.Messages).Any(reading => reading.Sequence > after + 40 && reading.Channel == "dust.flow"), Timeout, "dust readings after the blow-back");
        Assert.All(PlatformStream.Readings(site.Platform.Messages).Where(reading => reading.Sequence > after + 40 && reading.Channel == "dust.flow"), reading => Assert.Equal("M", reading.Flag));
        Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
    }

    private static IReadOnlyList<(long Sequence, DateTimeOffset Time, double? Value, string Flag)> So2(ServiceTestSite site) => PlatformStream.Timed(site.Platform.Messages, "cems.so2");

    // The median of published ÷ true SO2 (the simulator's signal at the reading's poll time): 1 when calibrated.
    private static double Ratio(ServiceTestSite site, IEnumerable<(long Sequence, DateTimeOffset Time, double? Value, string Flag)> readings)
    {
        var signal = site.Cems.SignalOf("so2");
        var ratios = readings.Where(reading => reading.Value is not null).Select(reading => reading.Value!.Value / signal.ValueAt(reading.Time)).Order().ToArray();
        Assert.NotEmpty(ratios);
        return ratios[ratios.Length / 2];
    }

    private static List<string> Events(ServiceTestSite site) =>
        [.. site.Platform.Messages.Where(message => message.Topic.EndsWith("/events", StringComparison.Ordinal)).Select(message =>
        {
            using var document = JsonDocument.Parse(message.Payload);
            return document.RootElement.GetProperty("event").GetProperty("text").GetString()!;
        })];
}
