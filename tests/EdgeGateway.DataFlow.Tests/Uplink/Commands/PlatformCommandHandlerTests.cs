using System.Text;
using EdgeGateway.DataFlow.Tests.Alarms;
using EdgeGateway.FieldBus.Commands;
using EdgeGateway.Pipeline.Alarms;
using EdgeGateway.Primitives.Commands;
using EdgeGateway.Testing.Storage;
using EdgeGateway.Uplink.Commands;

namespace EdgeGateway.DataFlow.Tests.Uplink.Commands;

/// <summary>Each command of the platform contract, and each way a request can be refused, against fakes.</summary>
public sealed class PlatformCommandHandlerTests
{
    [Fact]
    public async Task Ping_answers_with_time_version_and_uptime_and_repeats_a_string_id()
    {
        await using var gateway = new CommandTestGateway();

        var reply = await gateway.SendAsync("ping", """{"id":"req-42"}""");

        Assert.True(reply.Ok, reply.Text);
        Assert.Equal("ping", reply.Command);
        Assert.Equal("req-42", reply.Id?.GetString());
        Assert.Equal("2026-03-01T08:00:00.000Z", reply.Result.GetProperty("time").GetString());
        Assert.Equal("9.8.7", reply.Result.GetProperty("version").GetString());
        Assert.Equal("2026-03-01T07:00:00.000Z", reply.Result.GetProperty("startedAt").GetString());
        Assert.Equal(3600, reply.Result.GetProperty("uptimeSeconds").GetInt64());
    }

    [Fact]
    public async Task A_numeric_id_is_repeated_as_a_number_and_an_empty_body_is_an_empty_request()
    {
        await using var gateway = new CommandTestGateway();

        var numbered = await gateway.SendAsync("ping", """{"id":7}""");
        var empty = await gateway.SendAsync("ping", "");

        Assert.Equal(7, numbered.Id?.GetInt64());
        Assert.True(empty.Ok);
        Assert.Null(empty.Id);
    }

    [Fact]
    public async Task The_reply_has_exactly_the_envelope_fields_in_order()
    {
        await using var gateway = new CommandTestGateway();

        var reply = await gateway.SendAsync("get-rt-interval", """{"id":"a"}""");

        Assert.Equal("""{"gatewayId":"gw-cmd","schemaVersion":1,"command":"get-rt-interval","id":"a","ok":true,"result":{"seconds":5}}""", reply.Text);
    }

    [Fact]
    public async Task Get_time_reports_the_clock_and_whether_ntp_keeps_it()
    {
        await using var gateway = new CommandTestGateway();
        gateway.ClockStatus.Synchronized = true;

        var reply = await gateway.SendAsync("get-time");

        Assert.True(reply.Ok, reply.Text);
        Assert.Equal("2026-03-01T08:00:00.000Z", reply.Result.GetProperty("time").GetString());
        Assert.Equal("system", reply.Result.GetProperty("source").GetString());
        Assert.True(reply.Result.GetProperty("synchronized").GetBoolean());
    }

    [Fact]
    public async Task Get_time_without_a_probe_leaves_synchronized_out()
    {
        await using var gateway = new CommandTestGateway(adjust: dependencies => dependencies with { ClockStatus = null });

        var reply = await gateway.SendAsync("get-time");

        Assert.True(reply.Ok, reply.Text);
        Assert.False(reply.Result.TryGetProperty("synchronized", out _));
    }

    [Fact]
    public async Task Set_time_steps_the_clock_through_the_setter()
    {
        await using var gateway = new CommandTestGateway();

        var reply = await gateway.SendAsync("set-time", """{"id":"t1","time":"2026-03-01T08:00:12.5Z"}""");

        Assert.True(reply.Ok, reply.Text);
        Assert.Equal([new DateTimeOffset(2026, 3, 1, 8, 0, 12, 500, TimeSpan.Zero)], gateway.ClockSetter.Set);
        Assert.Equal("2026-03-01T08:00:00.000Z", reply.Result.GetProperty("previousTime").GetString());
        Assert.Equal("2026-03-01T08:00:12.500Z", reply.Result.GetProperty("time").GetString());
        Assert.Equal(12.5, reply.Result.GetProperty("stepSeconds").GetDouble());
    }

    [Fact]
    public async Task Set_time_takes_an_offset_and_the_hj212_system_time_in_site_time()
    {
        await using var gateway = new CommandTestGateway();

        var withOffset = await gateway.SendAsync("set-time", """{"time":"2026-03-01T16:00:00+08:00"}""");
        var hj212 = await gateway.SendAsync("set-time", """{"SystemTime":"20260301160001"}""");

        Assert.True(withOffset.Ok, withOffset.Text);
        Assert.True(hj212.Ok, hj212.Text);
        Assert.Equal(
            [new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 8, 0, 1, TimeSpan.Zero)],
            gateway.ClockSetter.Set);
    }

    [Fact]
    public async Task Set_time_is_refused_while_ntp_keeps_the_clock()
    {
        await using var gateway = new CommandTestGateway();
        gateway.ClockStatus.Synchronized = true;

        var reply = await gateway.SendAsync("set-time", """{"time":"2026-03-01T08:00:00Z"}""");

        Assert.Equal(CommandErrorCodes.Forbidden, reply.ErrorCode);
        Assert.Contains("synchronised by NTP", reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(gateway.ClockSetter.Set);
    }

    [Fact]
    public async Task A_setter_failure_is_reported_with_its_reason()
    {
        await using var gateway = new CommandTestGateway();
        gateway.ClockSetter.Failure = LinuxSystemClockSetter.DescribeFailure(1);

        var reply = await gateway.SendAsync("set-time", """{"time":"2026-03-01T08:00:00Z"}""");

        Assert.Equal(CommandErrorCodes.Failed, reply.ErrorCode);
        Assert.Contains("the service lacks CAP_SYS_TIME", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{}""", "is required")]
    [InlineData("""{"time":"2026-03-01T08:00:00"}""", "needs a time zone")]
    [InlineData("""{"time":"01/03/2026 08:00Z"}""", "not an ISO 8601 time")]
    [InlineData("""{"time":"2026-13-01T08:00:00Z"}""", "not an ISO 8601 time")]
    [InlineData("""{"time":1772352000}""", "time has the wrong type")]
    [InlineData("""{"time":"2026-03-01T08:00:00Z","systemTime":"20260301160000"}""", "not both")]
    [InlineData("""{"systemTime":"2026030116"}""", "not an HJ 212 time")]
    [InlineData("""{"time":"1970-01-01T00:00:00Z"}""", "not a plausible time")]
    public async Task Set_time_refuses_bad_times(string body, string expected)
    {
        await using var gateway = new CommandTestGateway();

        var reply = await gateway.SendAsync("set-time", body);

        Assert.Equal(CommandErrorCodes.InvalidArgument, reply.ErrorCode);
        Assert.Contains(expected, reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(gateway.ClockSetter.Set);
    }

    [Fact]
    public async Task Set_time_is_forbidden_when_the_configuration_or_the_wiring_says_so()
    {
        await using var disabled = new CommandTestGateway(CommandTestGateway.FastOptions with { AllowSetTime = false });
        await using var unwired = new CommandTestGateway(adjust: dependencies => dependencies with { ClockSetter = null });

        var byConfiguration = await disabled.SendAsync("set-time", """{"time":"2026-03-01T08:00:00Z"}""");
        var byWiring = await unwired.SendAsync("set-time", """{"time":"2026-03-01T08:00:00Z"}""");

        Assert.Equal(CommandErrorCodes.Forbidden, byConfiguration.ErrorCode);
        Assert.Contains("allowSetTime", byConfiguration.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(CommandErrorCodes.Forbidden, byWiring.ErrorCode);
        Assert.Empty(disabled.ClockSetter.Set);
    }

    [Fact]
    public async Task The_real_time_interval_is_read_and_set_in_seconds()
    {
        await using var gateway = new CommandTestGateway();

        var before = await gateway.SendAsync("get-rt-interval");
        var set = await gateway.SendAsync("set-rt-interval", """{"id":"i","seconds":30}""");
        var after = await gateway.SendAsync("get-rt-interval");

        Assert.Equal(5, before.Result.GetProperty("seconds").GetDouble());
        Assert.True(set.Ok, set.Text);
        Assert.Equal(30, set.Result.GetProperty("seconds").GetDouble());
        Assert.Equal(5, set.Result.GetProperty("previousSeconds").GetDouble());
        Assert.Equal(30, after.Result.GetProperty("seconds").GetDouble());
        Assert.Equal(TimeSpan.FromSeconds(30), gateway.Interval.Current);
    }

    [Theory]
    [InlineData("""{}""", "seconds (a whole number) is required")]
    [InlineData("""{"seconds":0}""", "seconds must be 1 to 3600, not 0")]
    [InlineData("""{"seconds":-5}""", "seconds must be 1 to 3600")]
    [InlineData("""{"seconds":3601}""", "seconds must be 1 to 3600")]
    [InlineData("""{"seconds":2.5}""", "seconds has the wrong type")]
    [InlineData("""{"seconds":"30"}""", "seconds has the wrong type")]
    [InlineData("""{"seconds":true}""", "seconds has the wrong type")]
    [InlineData("""{"seconds":1e12}""", "seconds has the wrong type")]
    [InlineData("""{"seconds":[30]}""", "seconds has the wrong type")]
    public async Task Set_rt_interval_refuses_values_out_of_bounds_and_garbage(string body, string expected)
    {
        await using var gateway = new CommandTestGateway();

        var reply = await gateway.SendAsync("set-rt-interval", body);

        Assert.Equal(CommandErrorCodes.InvalidArgument, reply.ErrorCode);
        Assert.Contains(expected, reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, gateway.Interval.Changes);
    }

    [Fact]
    public async Task A_refusal_of_the_interval_control_is_passed_on()
    {
        await using var gateway = new CommandTestGateway();
        gateway.Interval.Refusal = "this gateway accepts 1 s to 5 s";

        var reply = await gateway.SendAsync("set-rt-interval", """{"seconds":30}""");

        Assert.Equal(CommandErrorCodes.InvalidArgument, reply.ErrorCode);
        Assert.Contains("this gateway accepts 1 s to 5 s", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Half_of_the_history_wiring_is_a_configuration_error()
    {
        using var outbox = new InMemoryOutbox();

        Assert.Throws<ArgumentException>(() => new PlatformCommandHandler(new PlatformCommandOptions(), new PlatformCommandDependencies { GatewayId = "gw", Outbox = outbox }));
    }

    [Fact]
    public async Task An_unknown_command_gets_an_error_naming_the_known_ones()
    {
        await using var gateway = new CommandTestGateway();

        var reply = await gateway.SendAsync("reboot", """{"id":"x"}""");

        Assert.False(reply.Ok);
        Assert.Equal("reboot", reply.Command);
        Assert.Equal("x", reply.Id?.GetString());
        Assert.Equal(CommandErrorCodes.UnknownCommand, reply.ErrorCode);
        Assert.Contains("ping, get-time, set-time", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("{\"id\":", "not JSON")]
    [InlineData("[1,2]", "must be a JSON object, not array")]
    [InlineData("\"ping\"", "must be a JSON object, not string")]
    [InlineData("42", "must be a JSON object, not number")]
    [InlineData("null", "must be a JSON object, not null")]
    public async Task A_body_that_is_not_a_json_object_is_malformed(string body, string expected)
    {
        await using var gateway = new CommandTestGateway();

        var reply = await gateway.SendAsync("ping", body);

        Assert.Equal(CommandErrorCodes.Malformed, reply.ErrorCode);
        Assert.Contains(expected, reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_deep_nesting_and_oversized_bodies_are_malformed()
    {
        await using var gateway = new CommandTestGateway();
        var deep = new string('[', 100) + new string(']', 100);

        var invalidUtf8 = await gateway.SendAsync(CommandTestGateway.Request("ping", [(byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}']));
        var nested = await gateway.SendAsync("ping", """{"a":""" + deep + "}");
        var oversized = await gateway.SendAsync("ping", """{"pad":""" + "\"" + new string('x', 17 * 1024) + "\"}");

        Assert.Equal(CommandErrorCodes.Malformed, invalidUtf8.ErrorCode);
        Assert.Equal(CommandErrorCodes.Malformed, nested.ErrorCode);
        Assert.Equal(CommandErrorCodes.Malformed, oversized.ErrorCode);
        Assert.Contains("at most 16384", oversized.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":{"a":1}}""")]
    [InlineData("""{"id":[1]}""")]
    [InlineData("""{"id":1.5}""")]
    [InlineData("""{"id":true}""")]
    public async Task An_id_that_cannot_be_repeated_is_an_invalid_argument(string body)
    {
        await using var gateway = new CommandTestGateway();

        var reply = await gateway.SendAsync("ping", body);

        Assert.Equal(CommandErrorCodes.InvalidArgument, reply.ErrorCode);
        Assert.Null(reply.Id);
    }

    [Fact]
    public async Task A_long_id_is_refused_and_a_long_command_name_is_cut()
    {
        await using var gateway = new CommandTestGateway();

        var longId = await gateway.SendAsync("ping", "{\"id\":\"" + new string('i', 129) + "\"}");
        var longName = await gateway.SendAsync(new string('n', 500));

        Assert.Equal(CommandErrorCodes.InvalidArgument, longId.ErrorCode);
        Assert.Equal(CommandErrorCodes.UnknownCommand, longName.ErrorCode);
        Assert.Equal(64, longName.Command.Length);
    }

    [Fact]
    public async Task When_commands_are_disabled_every_command_is_forbidden()
    {
        await using var gateway = new CommandTestGateway(CommandTestGateway.FastOptions with { Enabled = false });

        var reply = await gateway.SendAsync("ping");

        Assert.Equal(CommandErrorCodes.Forbidden, reply.ErrorCode);
    }

    [Fact]
    public async Task A_seam_that_throws_gets_a_failed_reply_not_an_exception()
    {
        await using var gateway = new CommandTestGateway(adjust: dependencies => dependencies with { RealTimeInterval = new ThrowingIntervalControl() });

        var reply = await gateway.SendAsync("set-rt-interval", """{"id":9,"seconds":10}""");

        Assert.Equal(CommandErrorCodes.Failed, reply.ErrorCode);
        Assert.Contains("poller gone", reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(9, reply.Id?.GetInt32());
    }

    [Fact]
    public async Task Statistics_count_requests_and_errors()
    {
        await using var gateway = new CommandTestGateway();

        await gateway.SendAsync("ping");
        await gateway.SendAsync("nope");
        await gateway.SendAsync("ping", "garbage");

        var statistics = gateway.Handler.Statistics;
        Assert.Equal(3, statistics.Requests);
        Assert.Equal(2, statistics.Errors);
    }

    [Fact]
    public async Task Cancellation_by_the_link_ends_a_waiting_command_without_a_reply()
    {
        var sampler = new RecordingSampleRetainer { Next = null };
        await using var gateway = new CommandTestGateway(adjust: dependencies => dependencies with { SampleRetainer = sampler, Samplers = ["water"] });
        using var stopping = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var reply = await gateway.Handler.HandleAsync(
            CommandTestGateway.Request("retain-sample", Encoding.UTF8.GetBytes("""{"device":"water"}""")), stopping.Token);

        Assert.Null(reply);
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlatformCommandOptions { MaxHistoryRecords = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlatformCommandOptions { HistoryMessagesPerSecond = double.NaN }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlatformCommandOptions { MinRealTimeIntervalSeconds = 10, MaxRealTimeIntervalSeconds = 5 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlatformCommandOptions { SiteUtcOffset = TimeSpan.FromHours(15) }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlatformCommandOptions { MaxRequestBytes = 10 }.Validate());
        new PlatformCommandOptions().Validate();
    }

    [Fact]
    public async Task Retain_sample_asks_the_sampler_and_answers_its_bottle_and_time_as_hj212_3015_does()
    {
        var sampler = new RecordingSampleRetainer { Next = new SampleRetentionOutcome(true, 4, "holding 102 = 1") };
        await using var gateway = new CommandTestGateway(adjust: dependencies => dependencies with { SampleRetainer = sampler, Samplers = ["water"] });

        var reply = await gateway.SendAsync("retain-sample", """{"id":"s1"}""");

        Assert.True(reply.Ok, reply.Text);
        Assert.Equal(["water"], sampler.Asked);
        Assert.Equal("water", reply.Result.GetProperty("device").GetString());
        Assert.Equal(4, reply.Result.GetProperty("vaseNo").GetInt32());
        Assert.Equal("2026-03-01T08:00:00.000Z", reply.Result.GetProperty("time").GetString());
        Assert.Equal("20260301160000", reply.Result.GetProperty("dataTime").GetString());
    }

    [Theory]
    [InlineData("""{"device":"cems"}""", CommandErrorCodes.InvalidArgument, "'cems' is not a sampler of this gateway; its samplers: water, water2")]
    [InlineData("""{}""", CommandErrorCodes.InvalidArgument, "device is required: this gateway has 2 samplers (water, water2)")]
    [InlineData("""{"device":"water"}""", CommandErrorCodes.Failed, "water did not keep a sample: holding 102 = 1: exception 04")]
    public async Task Retain_sample_refuses_a_device_that_is_not_a_sampler_and_reports_a_refusal(string body, string code, string message)
    {
        var sampler = new RecordingSampleRetainer { Next = new SampleRetentionOutcome(false, null, "holding 102 = 1: exception 04") };
        await using var gateway = new CommandTestGateway(adjust: dependencies => dependencies with { SampleRetainer = sampler, Samplers = ["water", "water2"] });

        var reply = await gateway.SendAsync("retain-sample", body);

        Assert.Equal(code, reply.ErrorCode);
        Assert.Equal(message, reply.ErrorMessage);
    }

    [Fact]
    public async Task Retain_sample_on_a_gateway_without_a_sampler_is_forbidden()
    {
        await using var gateway = new CommandTestGateway();

        var reply = await gateway.SendAsync("retain-sample", """{"device":"water"}""");

        Assert.Equal(CommandErrorCodes.Forbidden, reply.ErrorCode);
        Assert.Contains("declares a retainSample command", reply.ErrorMessage, StringComparison.Ordinal);
    }
}
