using System.Text;
using EdgeGateway.Hj212.Framing;

namespace EdgeGateway.Hj212.Tests;

public sealed class Hj212StreamFramerTests
{
    private static List<string> Drain(string stream, out string left, int maxFrameBytes = 9812)
    {
        var buffer = Encoding.UTF8.GetBytes(stream).AsSpan();
        var frames = new List<string>();
        while (true)
        {
            var search = Hj212StreamFramer.Find(buffer, maxFrameBytes);
            if (search.Found)
            {
                frames.Add(Encoding.UTF8.GetString(buffer.Slice(search.SkipBytes, search.FrameLength)));
            }

            buffer = buffer[search.ConsumedBytes..];
            if (!search.Found)
            {
                left = Encoding.UTF8.GetString(buffer);
                return frames;
            }
        }
    }

    [Fact]
    public void Frames_back_to_back_with_noise_between_come_out_one_by_one()
    {
        var frames = Drain("noise" + TestVectors.V1 + TestVectors.D7 + "\0\0" + TestVectors.V3, out var left);

        Assert.Equal([TestVectors.V1, TestVectors.D7, TestVectors.V3], frames);
        Assert.Equal(string.Empty, left);
        Assert.All(frames, frame => Assert.True(Hj212FrameDecoder.Decode(frame).IsSuccess));
    }

    [Fact]
    public void Partial_frame_waits_for_more_bytes()
    {
        var frames = Drain("xx" + TestVectors.V1[..50], out var left);

        Assert.Empty(frames);
        Assert.Equal(TestVectors.V1[..50], left);
    }

    [Fact]
    public void Frame_cut_off_by_the_next_header_is_dropped_and_the_next_one_found()
    {
        var frames = Drain(TestVectors.V1[..60] + TestVectors.D1, out var left);

        Assert.Equal([TestVectors.D1], frames);
        Assert.Equal(string.Empty, left);
    }

    [Fact]
    public void Wrong_length_field_costs_only_that_frame()
    {
        var frames = Drain(TestVectors.V1.Replace("##0101", "##0999", StringComparison.Ordinal) + TestVectors.D2, out _);

        Assert.Equal(2, frames.Count);
        Assert.Equal("length says 999, data segment has 101 bytes", Hj212FrameDecoder.Decode(frames[0]).Reason);
        Assert.True(Hj212FrameDecoder.Decode(frames[1]).IsSuccess);
    }

    [Fact]
    public void Unterminated_frame_longer_than_the_maximum_is_dropped()
    {
        var frames = Drain("##0101" + new string('x', 300), out var left, maxFrameBytes: 200);

        Assert.Empty(frames);
        Assert.Equal(string.Empty, left);
    }

    [Theory]
    [InlineData("abc#", "#")]
    [InlineData("abc", "")]
    public void A_trailing_hash_is_kept_as_the_possible_start_of_a_header(string stream, string expectedLeft)
    {
        Drain(stream, out var left);

        Assert.Equal(expectedLeft, left);
    }

    [Fact]
    public void Extra_hash_before_the_header_is_skipped()
    {
        var frames = Drain("###" + TestVectors.V1[2..], out _);

        Assert.Equal([TestVectors.V1], frames);
    }
}
