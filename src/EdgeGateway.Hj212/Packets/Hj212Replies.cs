using System.Globalization;
using EdgeGateway.Hj212.Codes;

namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// Builds the interaction replies 9011, 9012, 9013 and 9014. Each echoes the QN, PW and MN of the packet it answers
/// (a 9014 for a split packet echoes that packet's own QN), with ST=91 and a Flag holding only the version bits
/// (4 for 2017), as in the standard's examples.
/// </summary>
public static class Hj212Replies
{
    private const string InteractionSystemCode = "91";

    /// <summary>9011: the device answers a request with <c>QnRtn</c> (1 = will execute).</summary>
    public static Hj212Packet RequestAnswer(Hj212Packet request, Hj212QnRtn result, Hj212Edition edition) =>
        Reply(request, Hj212CommandCode.RequestAnswer, edition, Hj212FieldNames.QnRtn, (int)result);

    /// <summary>9012: the device reports how a request ended with <c>ExeRtn</c> (1 = success).</summary>
    public static Hj212Packet ExecutionResult(Hj212Packet request, Hj212ExeRtn result, Hj212Edition edition) =>
        Reply(request, Hj212CommandCode.ExecutionResult, edition, Hj212FieldNames.ExeRtn, (int)result);

    /// <summary>9013: either side acknowledges a notification (e.g. 2012, 1013); CP is empty.</summary>
    public static Hj212Packet NotificationAnswer(Hj212Packet notification, Hj212Edition edition) =>
        Reply(notification, Hj212CommandCode.NotificationAnswer, edition, name: null, code: 0);

    /// <summary>9014: either side acknowledges an upload sent with Flag.A = 1; CP is empty.</summary>
    public static Hj212Packet DataAnswer(Hj212Packet upload, Hj212Edition edition) =>
        Reply(upload, Hj212CommandCode.DataAnswer, edition, name: null, code: 0);

    private static Hj212Packet Reply(Hj212Packet answered, Hj212CommandCode command, Hj212Edition edition, string? name, int code)
    {
        ArgumentNullException.ThrowIfNull(answered);
        var cp = name is null
            ? Hj212DataArea.Empty
            : new Hj212DataAreaBuilder().AddItem(name, code.ToString(CultureInfo.InvariantCulture)).Build();
        return new Hj212Packet
        {
            Qn = answered.Qn,
            St = InteractionSystemCode,
            Cn = Hj212Codes.ToWire(command),
            Pw = answered.Pw,
            Mn = answered.Mn,
            Flag = Hj212Flag.Create(edition),
            Cp = cp,
        };
    }
}
