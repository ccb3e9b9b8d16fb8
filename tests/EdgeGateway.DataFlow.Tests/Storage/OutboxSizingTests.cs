using System.Diagnostics;
using System.Globalization;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Storage;
using static EdgeGateway.DataFlow.Tests.Storage.StorageTestData;

namespace EdgeGateway.DataFlow.Tests.Storage;

/// <summary>
/// Bytes per reading on disk, for the sizing table: an hour of 100 channels at 1 Hz written as the appender writes it
/// (batches of 500), measured as used pages. Printed to the test output; asserted loosely so a schema change that
/// doubles the size fails here first.
/// </summary>
public sealed class OutboxSizingTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void An_hour_of_100_channels_at_1_hz_costs_under_48_bytes_a_reading()
    {
        const int Channels = 100;
        const int Readings = Channels * 3_600;
        var options = new SqliteOutboxOptions { Path = _directory.File("outbox.db") };
        double bytesPerReading, appendRate;
        using (var outbox = SqliteOutbox.Open(options))
        {
            var empty = outbox.MeasureUsedBytes();
            var appending = Stopwatch.StartNew();
            for (var index = 0; index < Readings; index += 500)
            {
                outbox.Append(StorageTestData.Readings(500, T0, Channels, index), [], []);
            }

            appendRate = Readings / appending.Elapsed.TotalSeconds;
            bytesPerReading = (double)(outbox.MeasureUsedBytes() - empty) / Readings;
        }

        var opening = Stopwatch.StartNew();
        using var reopened = SqliteOutbox.Open(options); // with quick_check over every page
        var openTime = opening.Elapsed;
        var reading = Stopwatch.StartNew();
        var read = ReadAll(reopened, page: 1_000).Count;
        var readRate = read / reading.Elapsed.TotalSeconds;
        var perDay = Channels * 86_400L;
        var daysPerGigabyte = (1L << 30) / (bytesPerReading * perDay);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sizing: {bytesPerReading:F1} bytes/reading on disk; {perDay} readings/day for {Channels} channels at 1 Hz = {bytesPerReading * perDay / (1 << 20):F0} MiB/day; {daysPerGigabyte:F2} days per GiB; append {appendRate:F0} readings/s in batches of 500; open with quick_check of {new FileInfo(options.Path).Length >> 20} MiB in {openTime.TotalMilliseconds:F0} ms; read back {readRate:F0} readings/s in pages of 1000"));

        Assert.Equal(Readings, read);
        Assert.InRange(bytesPerReading, 20, 48);
    }
    [Fact]
    public void A_minute_record_costs_under_192_bytes_with_its_indexes()
    {
        const int Channels = 100;
        const int Minutes = 6 * 60;
        using var outbox = SqliteOutbox.Open(new SqliteOutboxOptions { Path = _directory.File("outbox.db") });
        var empty = outbox.MeasureUsedBytes();
        for (var minute = 0; minute < Minutes; minute++)
        {
            outbox.Append([], [.. Enumerable.Range(0, Channels).Select(channel => Aggregate(AggregatePeriod.Minute, T0.AddMinutes(minute), channel))], []);
        }

        var bytesPerRecord = (double)(outbox.MeasureUsedBytes() - empty) / (Channels * Minutes);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sizing: {bytesPerRecord:F1} bytes per aggregate record on disk; {Channels * 1_440} minute records/day for {Channels} channels = {bytesPerRecord * Channels * 1_440 / (1 << 20):F1} MiB/day"));

        Assert.InRange(bytesPerRecord, 50, 192);
    }
}
