using EdgeGateway.Uplink.Commands;

namespace EdgeGateway.DataFlow.Tests.Uplink.Commands;

/// <summary>
/// The Linux clock seams, without ever setting this machine's clock: the probe only reads (adjtimex with no change),
/// and the setter is tested through its conversions and error texts, never called.
/// </summary>
public sealed class LinuxClockTests
{
    [Fact]
    public void The_probe_reads_the_kernel_clock_state_without_privilege()
    {
        var status = new LinuxClockStatusProbe(Path.Combine(Path.GetTempPath(), "egw-no-such-marker")).Probe();

        Assert.Equal("system", status.Source);
        Assert.False(string.IsNullOrEmpty(status.Detail));

        // Unknown only if the sandbox forbids even reading the clock state; then the detail says adjtimex failed.
        if (status.Synchronized is null)
        {
            Assert.Contains("adjtimex", status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_timesyncd_marker_names_the_synchroniser()
    {
        var marker = Path.GetTempFileName();
        try
        {
            var status = new LinuxClockStatusProbe(marker).Probe();

            // The kernel has the last word on synchronisation; the marker only names who keeps the clock.
            if (status.Synchronized == true)
            {
                Assert.Contains("systemd-timesyncd", status.Detail, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public void A_time_becomes_seconds_and_nanoseconds_since_the_epoch()
    {
        var time = ClockTimeSpec.FromUtc(new DateTimeOffset(2026, 3, 1, 8, 0, 0, 123, TimeSpan.Zero).AddTicks(4567));

        Assert.Equal(1_772_352_000, (long)time.Seconds);
        Assert.Equal(123_456_700, (long)time.Nanoseconds);
    }

    [Theory]
    [InlineData(1, "the service lacks CAP_SYS_TIME")]
    [InlineData(22, "refused that time")]
    [InlineData(5, "errno 5")]
    public void Failures_are_described_for_a_technician(int errno, string expected)
    {
        Assert.Contains(expected, LinuxSystemClockSetter.DescribeFailure(errno), StringComparison.Ordinal);
    }
}
