using System.Text.Json;
using EdgeGateway.Control;
using EdgeGateway.Control.Calibration;
using EdgeGateway.Control.Contract;
using EdgeGateway.Primitives.Commands;

namespace EdgeGateway.DataFlow.Tests.Control.Calibration;

/// <summary>The control protocol's calibrate command: arguments in, results and errors out.</summary>
public sealed class CalibrateCommandHandlerTests
{
    [Theory]
    [InlineData("""{"channel":"cems.so2"}""", "action is one of")]
    [InlineData("""{"action":"zero"}""", "channel is required")]
    [InlineData("""{"action":"zero","channel":"cems.so2"}""", "reference (a number")]
    [InlineData("""{"action":"zero","channel":"cems.so2","reference":"zero"}""", "reference (a number")]
    [InlineData("""{"action":"span","channel":"cems.so2","reference":400,"settleSeconds":"a minute"}""", "settleSeconds and averageSeconds are numbers")]
    [InlineData("""{"action":"apply","channel":"cems.so2","zeroAt":"yesterday"}""", "zeroAt and spanAt are ISO 8601")]
    [InlineData("""{"action":"apply","channel":"cems.so2"}""", "has no zero and span points since its last apply")]
    [InlineData("""{"action":"revert","channel":"cems.so2"}""", "never calibrated here")]
    [InlineData("""{"action":"progress","channel":"cems.so2"}""", "no measurement on cems.so2")]
    [InlineData("""{"action":"show","channel":"cems.co"}""", "no channel 'cems.co'")]
    [InlineData("""{"action":"tare","channel":"cems.so2"}""", "unknown action 'tare'")]
    public async Task A_bad_request_gets_an_invalid_argument_error_saying_what_is_wrong(string args, string message)
    {
        await using var bench = new CalibrationBench();
        var handler = new CalibrateCommandHandler(bench.Calibrator);

        var response = handler.Handle(new ControlRequest(1, "7", "calibrate", JsonDocument.Parse(args).RootElement), CalibrationBench.Technician);

        Assert.False(response.Ok);
        Assert.Equal("7", response.Id);
        Assert.Equal(CommandErrorCodes.InvalidArgument, response.Error!.Code);
        Assert.Contains(message, response.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_without_a_channel_lists_every_channel_and_a_started_point_reports_its_progress()
    {
        await using var bench = new CalibrationBench();
        var handler = new CalibrateCommandHandler(bench.Calibrator);

        var all = handler.Handle(new ControlRequest(1, "1", "calibrate", JsonDocument.Parse("""{"action":"show"}""").RootElement), CalibrationBench.Technician);
        var started = handler.Handle(new ControlRequest(1, "2", "calibrate", JsonDocument.Parse("""{"action":"zero","channel":"cems.so2","reference":0,"settleSeconds":30,"averageSeconds":30}""").RootElement), CalibrationBench.Technician);

        Assert.Equal(["cems.so2", "cems.nox"], all.Result!.Value.EnumerateArray().Select(view => view.GetProperty("channel").GetString()));
        Assert.Equal("settling", started.Result!.Value.GetProperty("state").GetString());
        Assert.Equal(30, started.Result.Value.GetProperty("settleSeconds").GetDouble());
    }
}
