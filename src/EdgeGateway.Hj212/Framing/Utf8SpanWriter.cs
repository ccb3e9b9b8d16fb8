using System.Globalization;
using System.Text;

namespace EdgeGateway.Hj212.Framing;

/// <summary>Writes a data segment as UTF-8 into a span the counter sized beforehand.</summary>
internal ref struct Utf8SpanWriter(Span<byte> destination) : IUtf8SegmentSink
{
    private readonly Span<byte> _destination = destination;

    public int Position { get; private set; }

    public void Append(ReadOnlySpan<byte> ascii)
    {
        ascii.CopyTo(_destination[Position..]);
        Position += ascii.Length;
    }

    public void Append(string text) => Position += Encoding.UTF8.GetBytes(text ?? string.Empty, _destination[Position..]);

    public void Append(int number)
    {
        number.TryFormat(_destination[Position..], out var written, default, CultureInfo.InvariantCulture);
        Position += written;
    }
}
