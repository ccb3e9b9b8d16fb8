using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Tests;

public sealed class Hj212RepliesTests
{
    // D5 is a host request with the QN, PW and MN the D1–D4 replies carry.
    private static Hj212Packet Request => Hj212FrameDecoder.Decode(TestVectors.D5).Packet!;

    [Fact]
    public void Request_answer_9011_is_vector_D1()
    {
        var reply = Hj212Replies.RequestAnswer(Request, Hj212QnRtn.ReadyToExecute, Hj212Edition.Edition2017);

        Assert.Equal(TestVectors.D1, Hj212FrameEncoder.Encode(reply));
    }

    [Fact]
    public void Execution_result_9012_is_vector_D2()
    {
        var reply = Hj212Replies.ExecutionResult(Request, Hj212ExeRtn.Success, Hj212Edition.Edition2017);

        Assert.Equal(TestVectors.D2, Hj212FrameEncoder.Encode(reply));
    }

    [Fact]
    public void Data_answer_9014_is_vector_D3()
    {
        Assert.Equal(TestVectors.D3, Hj212FrameEncoder.Encode(Hj212Replies.DataAnswer(Request, Hj212Edition.Edition2017)));
    }

    [Fact]
    public void Notification_answer_9013_is_vector_D4()
    {
        Assert.Equal(TestVectors.D4, Hj212FrameEncoder.Encode(Hj212Replies.NotificationAnswer(Request, Hj212Edition.Edition2017)));
    }

    [Fact]
    public void Replies_echo_the_QN_and_use_ST_91_with_only_the_version_bits_in_Flag()
    {
        var request = Hj212FrameDecoder.Decode(TestVectors.V1).Packet!;
        Hj212Packet[] replies =
        [
            Hj212Replies.RequestAnswer(request, Hj212QnRtn.CrcError, Hj212Edition.Edition2017),
            Hj212Replies.ExecutionResult(request, Hj212ExeRtn.NoData, Hj212Edition.Edition2017),
            Hj212Replies.NotificationAnswer(request, Hj212Edition.Edition2017),
            Hj212Replies.DataAnswer(request, Hj212Edition.Edition2017),
        ];

        Assert.All(replies, reply =>
        {
            Assert.Equal(request.Qn, reply.Qn);
            Assert.Equal("91", reply.St);
            Assert.Equal(request.Mn, reply.Mn);
            Assert.Equal(new Hj212Flag(4), reply.Flag);
            Assert.Null(Hj212FrameEncoder.Validate(reply));
        });
        Assert.Equal("9", replies[0].Cp.GetValue("QnRtn"));
        Assert.Equal("100", replies[1].Cp.GetValue("ExeRtn"));
        Assert.Equal(["9011", "9012", "9013", "9014"], replies.Select(reply => reply.Cn));
    }

    [Fact]
    public void Reply_of_the_2025_edition_has_Flag_8()
    {
        var reply = Hj212Replies.DataAnswer(Request, Hj212Edition.Edition2025);

        Assert.Equal(8, reply.Flag!.Value.Value);
    }

    [Fact]
    public void Reply_to_a_packet_whose_CRC_failed_can_echo_the_QN_of_the_unchecked_packet()
    {
        var bad = Hj212FrameDecoder.Decode(TestVectors.V1.Replace("1C80", "1C08", StringComparison.Ordinal));

        var reply = Hj212Replies.RequestAnswer(bad.UncheckedPacket!, Hj212QnRtn.CrcError, Hj212Edition.Edition2017);

        Assert.Equal("20160801085857223", reply.Qn);
        Assert.Equal("9", reply.Cp.GetValue("QnRtn"));
    }
}
