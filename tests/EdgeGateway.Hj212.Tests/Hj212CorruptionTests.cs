using EdgeGateway.Hj212.Framing;

namespace EdgeGateway.Hj212.Tests;

public sealed class Hj212CorruptionTests
{
    private const int CrcFieldLength = 4;
    private const int TrailerLength = 2;

    [Theory]
    [MemberData(nameof(TestVectors.Names), MemberType = typeof(TestVectors))]
    public void Every_single_character_substitution_is_refused(string name)
    {
        var frame = TestVectors.Frame(name);
        var original = Hj212FrameDecoder.Decode(frame).Packet!;
        var crcStart = frame.Length - TrailerLength - CrcFieldLength;
        var characters = frame.ToCharArray();
        var tried = 0;
        for (var position = 0; position < characters.Length; position++)
        {
            var kept = characters[position];
            for (var substitute = ' '; substitute <= '~'; substitute++)
            {
                if (substitute == kept)
                {
                    continue;
                }

                characters[position] = substitute;
                var result = Hj212FrameDecoder.Decode(new string(characters));
                tried++;

                // Changing only the case of a CRC hex letter writes the same CRC: senders use both cases (§10.2).
                var sameCrcOtherCase = position >= crcStart
                    && position < crcStart + CrcFieldLength
                    && char.IsAsciiLetter(kept)
                    && char.ToUpperInvariant(substitute) == char.ToUpperInvariant(kept);
                if (sameCrcOtherCase)
                {
                    Assert.True(result.IsSuccess, $"{name}: '{kept}'→'{substitute}' at {position}: {result.Reason}");
                    Assert.Equal(original, result.Packet);
                }
                else
                {
                    Assert.False(result.IsSuccess, $"{name}: '{kept}'→'{substitute}' at {position} was accepted");
                    Assert.False(string.IsNullOrEmpty(result.Reason));
                }
            }

            characters[position] = kept;
        }

        Assert.True(tried >= 94 * (frame.Length - 1), $"only {tried} substitutions tried");
    }
}
