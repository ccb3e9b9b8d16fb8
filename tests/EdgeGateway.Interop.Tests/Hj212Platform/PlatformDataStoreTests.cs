using EdgeGateway.Simulator.Hj212Platform;

namespace EdgeGateway.Interop.Tests.Hj212Platform;

/// <summary>The records the platform simulator keeps per MN: the no-gap check, duplicates and conflicting values.</summary>
public sealed class PlatformDataStoreTests
{
    [Fact]
    public async Task The_missing_minutes_duplicates_and_conflicts_of_a_series()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);

        string[] minutes = ["20261207100000", "20261207100100", "20261207100300", "20261207100400"];
        for (var i = 0; i < minutes.Length; i++)
        {
            await logger.SendAsync(LoggerPackets.Minute($"2026120710100000{i}", minutes[i]));
            await logger.ReadPacketAsync();
        }

        // 10:01 again with the same value under a new QN, then 10:03 with another value.
        await logger.SendAsync(LoggerPackets.Minute("20261207101000010", "20261207100100"));
        await logger.SendAsync(LoggerPackets.Minute("20261207101000011", "20261207100300", average: "9.9"));
        await logger.ReadPacketAsync();
        await logger.ReadPacketAsync();

        var store = platform.Store;
        var ten = new DateTime(2026, 12, 7, 10, 0, 0);
        Assert.Equal([ten.AddMinutes(2), ten.AddMinutes(5)], store.MissingMinutes(LoggerPackets.Mn, ten, ten.AddMinutes(5)));
        Assert.Equal([ten.AddMinutes(5)], store.MissingTimes(LoggerPackets.Mn, "2051", ten.AddMinutes(3), ten.AddMinutes(5), TimeSpan.FromMinutes(1)));
        Assert.Equal(ten, store.TimesOf(LoggerPackets.Mn, "2051")[0]);
        Assert.Equal(1, store.DuplicatesOf(LoggerPackets.Mn));
        var conflict = Assert.Single(store.ConflictsOf(LoggerPackets.Mn));
        Assert.Equal(new Hj212DataConflict(LoggerPackets.Mn, "2051", ten.AddMinutes(3), "w01018-Avg", "2.5", "9.9"), conflict);
        Assert.Equal("2.5", store.Find(LoggerPackets.Mn, "2051", ten.AddMinutes(3))!.Values["w01018-Avg"]);
        Assert.Empty(store.TimesOf("another MN", "2051"));
    }
}
