using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Interop.Tests.Hj212Platform;

/// <summary>Packets a data logger sends, built by hand for the platform simulator's tests.</summary>
internal static class LoggerPackets
{
    public const string Mn = "010000A8900016F000169DC0";
    public const string Pw = "123456";

    /// <summary>A minute record (2051) of w01018 at <paramref name="dataTime"/> (YYYYMMDDhhmmss).</summary>
    public static Hj212Packet Minute(string qn, string dataTime, string average = "2.5", Hj212Edition edition = Hj212Edition.Edition2017, bool wantReply = true) => new()
    {
        Qn = qn,
        St = "32",
        Cn = "2051",
        Pw = Pw,
        Mn = Mn,
        Flag = Hj212Flag.Create(edition, acknowledgementRequired: wantReply),
        Cp = new Hj212DataAreaBuilder()
            .AddItem("DataTime", dataTime).EndGroup()
            .AddItem("w01018-Avg", average).AddItem("w01018-Flag", "N")
            .Build(),
    };

    /// <summary>Part <paramref name="pno"/> of <paramref name="pnum"/> of a split minute record, carrying factor <paramref name="factor"/>.</summary>
    public static Hj212Packet MinutePart(string qn, string dataTime, int pno, int pnum, string factor) => new()
    {
        Qn = qn,
        St = "32",
        Cn = "2051",
        Pw = Pw,
        Mn = Mn,
        Flag = Hj212Flag.Create(Hj212Edition.Edition2017, acknowledgementRequired: true, split: true),
        Pnum = pnum,
        Pno = pno,
        Cp = new Hj212DataAreaBuilder()
            .AddItem("DataTime", dataTime).EndGroup()
            .AddItem($"{factor}-Avg", "1.0").AddItem($"{factor}-Flag", "N")
            .Build(),
    };

    /// <summary>A 9015 heartbeat wanting its 9013.</summary>
    public static Hj212Packet Heartbeat(string qn, Hj212Edition edition = Hj212Edition.Edition2025) => new()
    {
        Qn = qn,
        St = "32",
        Cn = "9015",
        Pw = Pw,
        Mn = Mn,
        Flag = Hj212Flag.Create(edition, acknowledgementRequired: true),
    };

    /// <summary>The logger's reply (9011 with QnRtn, 9012 with ExeRtn) to <paramref name="request"/>.</summary>
    public static Hj212Packet Answer(Hj212Packet request, Hj212QnRtn qnRtn) => Hj212Replies.RequestAnswer(request, qnRtn, Hj212Edition.Edition2017);

    public static Hj212Packet Result(Hj212Packet request, Hj212ExeRtn exeRtn) => Hj212Replies.ExecutionResult(request, exeRtn, Hj212Edition.Edition2017);
}
