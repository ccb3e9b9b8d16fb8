using EdgeGateway.Cli.Commands.Technician;
using EdgeGateway.Pipeline.Alarms;

namespace EdgeGateway.Interop.Tests.Cli;

/// <summary><c>egw alarms</c> (and the alarms of <c>egw status</c>): one line per active alarm, with its sample's bottle.</summary>
public sealed class EgwAlarmsLinesTests
{
    private static readonly DateTimeOffset Raised = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_exceedance_line_names_the_bottle_its_sample_went_into_or_why_there_is_none()
    {
        var alarm = new ActiveAlarm("water.cod", AlarmRule.Exceedance, LimitQuantity.RealTime, 100, 100, Raised, 137.5, 140, Raised.AddMinutes(-1), Raised);

        var retained = Assert.Single(AlarmsCommand.Lines([alarm with { Sample = new SampleRetention("water", SampleRetentionState.Retained, Raised, 3) }]));
        var failed = Assert.Single(AlarmsCommand.Lines([alarm with { Sample = new SampleRetention("water", SampleRetentionState.Failed, Raised, Detail: "holding 100 = 1: timeout") }]));
        var none = Assert.Single(AlarmsCommand.Lines([alarm]));

        Assert.StartsWith("water.cod              EXCEEDANCE      137.5 (peak 140) over 100 of limit 100, since ", retained, StringComparison.Ordinal);
        Assert.EndsWith("; sample in bottle 3 (water)", retained, StringComparison.Ordinal);
        Assert.EndsWith("; sample failed (water): holding 100 = 1: timeout", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("sample", none, StringComparison.Ordinal);
    }
}
