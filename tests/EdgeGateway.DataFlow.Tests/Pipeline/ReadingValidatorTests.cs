using EdgeGateway.FieldBus.Polling;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Calibration;
using EdgeGateway.Pipeline.Validation;

namespace EdgeGateway.DataFlow.Tests.Pipeline;

public sealed class ReadingValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    private readonly ChannelTable _channels = new([new ChannelDefinition(0, "cems", "so2", "a21026", "mg/m³", new MeasuringRange(0, 100))]);

    public static TheoryData<ChannelReadOutcome, ChannelStatus, string, DataFlag, FlagReason> Cases => new()
    {
        // outcome, analyzer status, gateway state, expected flag, expected reason
        { ChannelReadOutcome.Ok, ChannelStatus.Normal, "none", DataFlag.N, FlagReason.None },
        { ChannelReadOutcome.NoAnswer, ChannelStatus.Normal, "none", DataFlag.B, FlagReason.NoAnswer },
        { ChannelReadOutcome.PortLost, ChannelStatus.Normal, "none", DataFlag.B, FlagReason.PortLost },
        { ChannelReadOutcome.PortLost, ChannelStatus.Normal, "maintenance", DataFlag.B, FlagReason.PortLost },
        { ChannelReadOutcome.Refused, ChannelStatus.Normal, "none", DataFlag.B, FlagReason.Refused },
        { ChannelReadOutcome.NotANumber, ChannelStatus.Normal, "none", DataFlag.D, FlagReason.NotANumber },
        { ChannelReadOutcome.Ok, ChannelStatus.Fault, "none", DataFlag.D, FlagReason.AnalyzerFault },
        { ChannelReadOutcome.Ok, ChannelStatus.Calibration, "none", DataFlag.C, FlagReason.AnalyzerCalibration },
        { ChannelReadOutcome.Ok, ChannelStatus.Normal, "calibration", DataFlag.C, FlagReason.CalibrationWindow },
        { ChannelReadOutcome.Ok, ChannelStatus.Maintenance, "none", DataFlag.M, FlagReason.AnalyzerMaintenance },
        { ChannelReadOutcome.Ok, ChannelStatus.Normal, "maintenance", DataFlag.M, FlagReason.MaintenanceWindow },
        { ChannelReadOutcome.Ok, ChannelStatus.Stopped, "none", DataFlag.F, FlagReason.AnalyzerStopped },
        { ChannelReadOutcome.Ok, ChannelStatus.Normal, "manual", DataFlag.S, FlagReason.ManualValue },

        // Precedence: B > D > C > M > F > T > S.
        { ChannelReadOutcome.NoAnswer, ChannelStatus.Normal, "maintenance", DataFlag.B, FlagReason.NoAnswer },
        { ChannelReadOutcome.Ok, ChannelStatus.Fault | ChannelStatus.Calibration, "maintenance", DataFlag.D, FlagReason.AnalyzerFault },
        { ChannelReadOutcome.Ok, ChannelStatus.Calibration | ChannelStatus.Maintenance, "none", DataFlag.C, FlagReason.AnalyzerCalibration },
        { ChannelReadOutcome.Ok, ChannelStatus.Maintenance | ChannelStatus.Stopped, "calibration", DataFlag.C, FlagReason.CalibrationWindow },
        { ChannelReadOutcome.Ok, ChannelStatus.Stopped, "maintenance", DataFlag.M, FlagReason.MaintenanceWindow },
        { ChannelReadOutcome.Ok, ChannelStatus.Stopped, "manual", DataFlag.F, FlagReason.AnalyzerStopped },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Flag_follows_the_documented_precedence(ChannelReadOutcome outcome, ChannelStatus status, string gateway, DataFlag flag, FlagReason reason)
    {
        var state = gateway switch
        {
            "calibration" => new ChannelOverride(CalibrationUntil: Now.AddMinutes(5)),
            "maintenance" => new ChannelOverride(MaintenanceUntil: Now.AddMinutes(5)),
            "manual" => new ChannelOverride(ManualValue: 12.5),
            _ => ChannelOverride.None,
        };
        var validator = new ReadingValidator(_channels);

        var reading = validator.Validate(0, Now.UtcTicks, Polled(outcome, 30, status), state);

        Assert.Equal(flag, reading.Flag);
        Assert.Equal(reason, reading.Reason);
    }

    [Fact]
    public void A_silent_analyzer_gets_no_value_and_the_last_good_one_is_not_repeated()
    {
        var validator = new ReadingValidator(_channels);
        validator.Validate(0, Now.UtcTicks, Polled(ChannelReadOutcome.Ok, 42), ChannelOverride.None);

        var silent = validator.Validate(0, Now.AddSeconds(1).UtcTicks, Polled(ChannelReadOutcome.NoAnswer, double.NaN), ChannelOverride.None);

        Assert.Equal(DataFlag.B, silent.Flag);
        Assert.True(double.IsNaN(silent.Value));
        Assert.True(double.IsNaN(silent.Raw));
    }

    [Fact]
    public void Above_the_measuring_range_is_T_and_at_the_limit_is_N()
    {
        var validator = new ReadingValidator(_channels);
        Assert.Equal(DataFlag.N, validator.Validate(0, Now.UtcTicks, Polled(ChannelReadOutcome.Ok, 100), ChannelOverride.None).Flag);
        Assert.Equal(DataFlag.T, validator.Validate(0, Now.AddSeconds(1).UtcTicks, Polled(ChannelReadOutcome.Ok, 100.01), ChannelOverride.None).Flag);
    }

    [Fact]
    public void Calibration_is_applied_before_validation()
    {
        // Zero gas reads 2, span gas of 80 reads 42: gain 80/40 = 2, offset 0 - 2×2 = -4.
        Assert.True(CalibrationCoefficients.TryCompute(new CalibrationPoint(0, 2), new CalibrationPoint(80, 42), Now, 0.5, 2.5, out var coefficients, out _));
        var state = new ChannelOverride(Calibration: coefficients);
        var validator = new ReadingValidator(_channels);

        var corrected = validator.Validate(0, Now.UtcTicks, Polled(ChannelReadOutcome.Ok, 22), state);
        var overRange = validator.Validate(0, Now.AddSeconds(1).UtcTicks, Polled(ChannelReadOutcome.Ok, 53), state);

        Assert.Equal(40, corrected.Value, 9);
        Assert.Equal(22, corrected.Raw);
        Assert.Equal(DataFlag.T, overRange.Flag); // 2 × 53 - 4 = 102 > 100 only after calibration
    }

    [Theory]
    [InlineData(0, 2, 80, 2, "the span reading equals the zero reading (2)")]
    [InlineData(0, 2, 0, 42, "the span reference equals the zero reference (0)")]
    [InlineData(0, 2, 80, 4, "gain 40 is outside the allowed 0.5..2.5")]
    public void Absurd_calibration_points_are_refused_with_the_reason(double zeroReference, double zeroMeasured, double spanReference, double spanMeasured, string reason)
    {
        Assert.False(CalibrationCoefficients.TryCompute(new CalibrationPoint(zeroReference, zeroMeasured), new CalibrationPoint(spanReference, spanMeasured), Now, 0.5, 2.5, out var coefficients, out var error));
        Assert.Null(coefficients);
        Assert.StartsWith(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_unchanged_for_longer_than_the_limit_is_stuck()
    {
        var state = new ChannelOverride(Rules: new ChannelValidationRules { StuckAfter = TimeSpan.FromMinutes(10) });
        var validator = new ReadingValidator(_channels);

        var flags = Enumerable.Range(0, 12)
            .Select(minute => validator.Validate(0, Now.AddMinutes(minute).UtcTicks, Polled(ChannelReadOutcome.Ok, 30), state).Flag)
            .ToArray();
        var moving = validator.Validate(0, Now.AddMinutes(12).UtcTicks, Polled(ChannelReadOutcome.Ok, 30.1), state);

        // Minutes 0..10 are within the limit (10 minutes unchanged is not yet "longer than"); 11 is stuck.
        Assert.All(flags[..11], flag => Assert.Equal(DataFlag.N, flag));
        Assert.Equal(DataFlag.D, flags[11]);
        Assert.Equal(DataFlag.N, moving.Flag);
    }

    [Fact]
    public void A_jump_faster_than_the_rate_limit_is_a_spike()
    {
        var state = new ChannelOverride(Rules: new ChannelValidationRules { MaxRatePerSecond = 5 });
        var validator = new ReadingValidator(_channels);

        validator.Validate(0, Now.UtcTicks, Polled(ChannelReadOutcome.Ok, 30), state);
        var gentle = validator.Validate(0, Now.AddSeconds(2).UtcTicks, Polled(ChannelReadOutcome.Ok, 39), state);
        var spike = validator.Validate(0, Now.AddSeconds(3).UtcTicks, Polled(ChannelReadOutcome.Ok, 60), state);

        Assert.Equal(DataFlag.N, gentle.Flag);
        Assert.Equal((DataFlag.D, FlagReason.Spike), (spike.Flag, spike.Reason));
    }

    [Fact]
    public void A_manual_value_replaces_the_analyzers()
    {
        var validator = new ReadingValidator(_channels);
        var reading = validator.Validate(0, Now.UtcTicks, Polled(ChannelReadOutcome.Ok, 30), new ChannelOverride(ManualValue: 12.5));
        Assert.Equal(12.5, reading.Value);
        Assert.Equal(30, reading.Raw);
    }

    [Fact]
    public void Windows_end_at_their_time()
    {
        var state = new ChannelOverride(MaintenanceUntil: Now.AddMinutes(1));
        var validator = new ReadingValidator(_channels);
        Assert.Equal(DataFlag.M, validator.Validate(0, Now.AddSeconds(59).UtcTicks, Polled(ChannelReadOutcome.Ok, 30), state).Flag);
        Assert.Equal(DataFlag.N, validator.Validate(0, Now.AddMinutes(1).UtcTicks, Polled(ChannelReadOutcome.Ok, 30), state).Flag);
    }

    private static ChannelReading Polled(ChannelReadOutcome outcome, double value, ChannelStatus status = ChannelStatus.Normal) =>
        new(0, outcome, value, value, status);
}
