using System.Text;

namespace EdgeGateway.Hj212.Framing;

/// <summary>Counts the UTF-8 bytes a data segment will take, without writing them.</summary>
internal struct Utf8ByteCounter : IUtf8SegmentSink
{
    public int Position { get; private set; }

    public void Append(ReadOnlySpan<byte> ascii) => Position += ascii.Length;

    public void Append(string text) => Position += Encoding.UTF8.GetByteCount(text ?? string.Empty);

    public void Append(int number) => Position += DigitCount(number);

    private static int DigitCount(int number)
    {
        var digits = number < 0 ? 2 : 1;
        var magnitude = Math.Abs((long)number);
        while (magnitude >= 10)
        {
            magnitude /= 10;
            digits++;
        }

        return digits;
    }
}
