using EdgeGateway.Control.Calibration;
using EdgeGateway.Control.Contract.Calibration;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Validation;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;

namespace EdgeGateway.DataFlow.Tests.Control.Calibration;

/// <summary>The zero/span procedure: points from the channel's readings, apply, revert, the window, audit and events.</summary>
public sealed class CalibratorTests
{
    [Fact]
    public async Task Zero_and_span_points_give_the_gain_and_offset_that_the_pipeline_then_applies()
    {
        await using var bench = new CalibrationBench();

        var (zero, span) = await bench.MeasureDriftedPointsAsync();

        Assert.Equal("done", zero.State);
        Assert.Equal(6, zero.Point!.Measured, 6);
        Assert.True(zero.Point.Samples >= 3, $"{zero.Point.Samples} samples");
        Assert.Equal(438, span.Point!.Measured, 6);
        Assert.True(bench.Calibrator.TryPreview("cems.so2", out var proposal, out var error), error);
        Assert.Equal(400.0 / 432, proposal!.Gain, 9);
        Assert.Equal(-6 * 400.0 / 432, proposal.Offset, 9);
        Assert.Equal(438, proposal.LatestBefore!.Value, 6);
        Assert.Equal(400, proposal.LatestAfter!.Value, 6);

        Assert.True(bench.Calibrator.TryApply("cems.so2", CalibrationBench.Technician, proposal.Zero.At, proposal.Span.At, "quarterly calibration", out var change, out error), error);

        var coefficients = bench.Holder.Current[0].Calibration!;
        Assert.Equal(400.0 / 432, coefficients.Gain, 9);
        Assert.Equal(150, coefficients.Apply((1.08 * 150) + 6), 9);
        Assert.Null(bench.Holder.Current[0].CalibrationUntil);
        Assert.Null(bench.Holder.Current[1].Calibration);
        Assert.Equal(CalibrationChange.Applied, change!.Action);
        Assert.Equal(1, change.GainBefore);
        Assert.Equal(["calibrate-zero", "calibrate-span", "calibrate-apply"], bench.Audit.Read(DateTimeOffset.MinValue).Select(entry => entry.Action));
        var applied = bench.Audit.Read(DateTimeOffset.MinValue)[^1];
        Assert.Equal("quarterly calibration", applied.Reason);
        Assert.Equal("gain 1, offset 0", applied.Before);
        Assert.StartsWith("gain 0.925926, offset -5.555556", applied.After, StringComparison.Ordinal);
        Assert.All(bench.Events, announced => Assert.Equal(GatewayEventKind.Calibration, announced.Kind));
        Assert.Contains(bench.Events, announced => announced.Text.StartsWith("calibration applied to cems.so2", StringComparison.Ordinal) && announced.DetailJson!.Contains("\"gain\":0.925", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_with_only_a_zero_point_names_the_missing_span_point_in_plain_words()
    {
        // Issue 17, item 7: it said "cems.so2 has no a span point since its last apply".
        await using var bench = new CalibrationBench();
        bench.Serve(6);
        var zero = await bench.MeasureAsync("zero", 0);
        Assert.Equal("done", zero.State);

        Assert.False(bench.Calibrator.TryPreview("cems.so2", out _, out var error));

        Assert.Equal("cems.so2 has a zero point but no span point since its last apply; measure it with 'egw calibrate cems.so2 span --reference VALUE'", error);
    }

    [Fact]
    public async Task A_point_is_measured_before_the_calibration_in_force_so_a_recalibration_does_not_compound()
    {
        await using var bench = new CalibrationBench();
        bench.Book.Update("cems.so2", entry => entry with { Gain = 2, Offset = 1 });

        // Published values are 2 × measured + 1: the analyzer itself reads 6 on zero gas.
        bench.Serve(13);
        var zero = await bench.MeasureAsync("zero", 0);

        Assert.True(zero.State == "done", zero.Error);
        Assert.Equal(6, zero.Point!.Measured, 6);
    }

    [Fact]
    public async Task The_window_flags_the_channel_from_the_start_until_apply_and_cancel_drops_the_points()
    {
        await using var bench = new CalibrationBench();
        bench.Serve(6);
        Assert.True(bench.Calibrator.TryStart("cems.so2", "zero", 0, TimeSpan.FromSeconds(0.1), TimeSpan.FromSeconds(30), CalibrationBench.Technician, out _, out _));

        Assert.True(bench.Holder.Current[0].CalibrationUntil > DateTimeOffset.UtcNow.AddMinutes(29));
        Assert.Null(bench.Holder.Current[1].CalibrationUntil);
        Assert.False(bench.Calibrator.TryStart("cems.so2", "span", 400, TimeSpan.Zero, TimeSpan.FromSeconds(1), CalibrationBench.Technician, out _, out var busy));
        Assert.Contains("already running", busy, StringComparison.Ordinal);
        Assert.False(bench.Calibrator.TryApply("cems.so2", CalibrationBench.Technician, null, null, null, out _, out var running));
        Assert.Contains("still running", running, StringComparison.Ordinal);

        Assert.True(bench.Calibrator.TryCancel("cems.so2", CalibrationBench.Technician, "wrong cylinder", out var view, out _));

        Assert.Null(bench.Holder.Current[0].CalibrationUntil);
        Assert.Equal("cancelled", bench.Calibrator.Progress("cems.so2")!.State);
        Assert.Null(view!.Zero);
        Assert.Equal("calibrate-cancel", bench.Audit.Read(DateTimeOffset.MinValue)[^1].Action);
    }

    [Fact]
    public async Task Readings_without_a_value_are_left_out_and_too_few_valid_ones_fail_the_point_with_the_reason()
    {
        await using var bench = new CalibrationBench();
        bench.Serve(double.NaN, DataFlag.B, FlagReason.NoAnswer);

        var status = await bench.MeasureAsync("zero", 0);

        Assert.Equal("failed", status.State);
        Assert.Contains("valid readings while averaging", status.Error, StringComparison.Ordinal);
        Assert.True(status.Rejected > 0);
        Assert.Null(bench.Book.Get("cems.so2").Zero);
        Assert.StartsWith("failed: only 0 valid readings", bench.Audit.Read(DateTimeOffset.MinValue)[^1].After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6, 6, "the span reading equals the zero reading")]
    [InlineData(6, 40, "is outside the allowed 0.5..2")]
    public async Task Absurd_points_are_refused_and_change_nothing(double zeroReads, double spanReads, string reason)
    {
        await using var bench = new CalibrationBench();
        bench.Serve(zeroReads);
        Assert.Equal("done", (await bench.MeasureAsync("zero", 0)).State);
        bench.Serve(spanReads);
        Assert.Equal("done", (await bench.MeasureAsync("span", 400)).State);

        Assert.False(bench.Calibrator.TryApply("cems.so2", CalibrationBench.Technician, null, null, null, out _, out var error));

        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Null(bench.Holder.Current[0].Calibration);
        Assert.DoesNotContain(bench.Audit.Read(DateTimeOffset.MinValue), entry => entry.Action == "calibrate-apply");
    }

    [Fact]
    public async Task Apply_refuses_points_other_than_the_ones_the_technician_was_shown()
    {
        await using var bench = new CalibrationBench();
        await bench.MeasureDriftedPointsAsync();
        bench.Calibrator.TryPreview("cems.so2", out var shown, out _);

        Assert.False(bench.Calibrator.TryApply("cems.so2", CalibrationBench.Technician, shown!.Zero.At.AddSeconds(-5), shown.Span.At, null, out _, out var error));
        Assert.Contains("changed since they were shown", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coefficients_survive_a_restart_and_revert_puts_back_the_previous_ones()
    {
        await using var bench = new CalibrationBench();
        await bench.MeasureDriftedPointsAsync();
        Assert.True(bench.Calibrator.TryApply("cems.so2", CalibrationBench.Technician, null, null, null, out _, out _));

        // A new book on the same file, as after a restart of the service.
        var restarted = new GatewayChannelStateHolder(new GatewayChannelState(2));
        var book = new CalibrationBook(bench.Channels, restarted, bench.BookPath);
        Assert.Null(book.RestoreProblem);
        Assert.Equal(400.0 / 432, restarted.Current[0].Calibration!.Gain, 9);

        Assert.True(bench.Calibrator.TryRevert("cems.so2", CalibrationBench.Technician, "span gas was expired", out var reverted, out var error), error);
        Assert.Equal(1, reverted!.Gain);
        Assert.Equal(0, reverted.Offset);
        Assert.Null(bench.Holder.Current[0].Calibration);
        Assert.True(bench.Calibrator.TryHistory("cems.so2", out var history, out _));
        Assert.Equal([CalibrationChange.Reverted, CalibrationChange.Applied], history.Select(change => change.Action));
        var again = new GatewayChannelStateHolder(new GatewayChannelState(2));
        _ = new CalibrationBook(bench.Channels, again, bench.BookPath);
        Assert.Null(again.Current[0].Calibration);
    }

    [Fact]
    public void A_damaged_file_is_moved_aside_and_said_so_instead_of_stopping_the_gateway()
    {
        var directory = Directory.CreateTempSubdirectory("egw-calibration-").FullName;
        try
        {
            var path = Path.Combine(directory, "calibration.json");
            File.WriteAllText(path, "{\"version\":1,\"channels\":[{\"channel\":\"cems.so2\",\"gain\":");
            var holder = new GatewayChannelStateHolder(new GatewayChannelState(1));

            var book = new CalibrationBook(new ChannelTable([new ChannelDefinition(0, "cems", "so2", "a21026", "mg/m³", null)]), holder, path);

            Assert.Contains("could not be read", book.RestoreProblem, StringComparison.Ordinal);
            Assert.False(File.Exists(path));
            Assert.Single(Directory.GetFiles(directory, "calibration.json.damaged-*"));
            Assert.Null(holder.Current[0].Calibration);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task An_averaging_too_short_for_three_readings_is_refused_before_it_starts()
    {
        await using var bench = new CalibrationBench();
        var book = new CalibrationBook(bench.Channels, bench.Holder, (string?)null);
        await using var calibrator = new Calibrator(bench.Channels, book, bench.Latest, bench.Audit, bench.Events.Add, pollIntervalOf: device => device == "cems" ? TimeSpan.FromSeconds(5) : null);

        Assert.False(calibrator.TryStart("cems.so2", "zero", 0, TimeSpan.Zero, TimeSpan.FromSeconds(10), CalibrationBench.Technician, out _, out var error));

        Assert.Equal("average at least 15 s: cems is polled every 5 s and a point needs 3 readings (30 s or more gives a steadier mean)", error);
        Assert.Null(bench.Holder.Current[0].CalibrationUntil);
    }

    [Fact]
    public async Task An_unknown_channel_or_kind_is_refused_with_what_to_use()
    {
        await using var bench = new CalibrationBench();

        Assert.False(bench.Calibrator.TryStart("cems.so3", "zero", 0, TimeSpan.Zero, TimeSpan.FromSeconds(1), CalibrationBench.Technician, out _, out var channel));
        Assert.False(bench.Calibrator.TryStart("cems.so2", "gain", 0, TimeSpan.Zero, TimeSpan.FromSeconds(1), CalibrationBench.Technician, out _, out var kind));
        Assert.False(bench.Calibrator.TryStart("cems.so2", "zero", 0, TimeSpan.Zero, TimeSpan.FromHours(2), CalibrationBench.Technician, out _, out var tooLong));

        Assert.Contains("no channel 'cems.so3' (channel keys are device.channel, e.g. cems.so2)", channel, StringComparison.Ordinal);
        Assert.Contains("zero or span", kind, StringComparison.Ordinal);
        Assert.Contains("at most 30 minutes", tooLong, StringComparison.Ordinal);
    }
}
