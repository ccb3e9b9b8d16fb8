namespace EdgeGateway.Interop.Tests.Mqtt;

/// <summary>
/// Finds MQTT packet boundaries in a byte stream (fixed header byte, remaining length as a variable byte integer,
/// body) and reports each packet's first byte, which holds its type and flags.
/// </summary>
public sealed class MqttFrameCounter
{
    private State _state = State.Header;
    private byte _header;
    private int _remaining;
    private int _multiplier;

    private enum State
    {
        Header,
        Length,
        Body,
    }

    /// <summary>Feeds the next bytes of the stream; <paramref name="onPacket"/> gets each packet's header byte once its length is known.</summary>
    public void Feed(ReadOnlySpan<byte> bytes, Action<byte> onPacket)
    {
        int index = 0;
        while (index < bytes.Length)
        {
            switch (_state)
            {
                case State.Header:
                    _header = bytes[index++];
                    _remaining = 0;
                    _multiplier = 1;
                    _state = State.Length;
                    break;
                case State.Length:
                    byte digit = bytes[index++];
                    _remaining += (digit & 0x7F) * _multiplier;
                    _multiplier *= 128;
                    if ((digit & 0x80) == 0)
                    {
                        onPacket(_header);
                        _state = _remaining == 0 ? State.Header : State.Body;
                    }

                    break;
                default:
                    int skip = Math.Min(_remaining, bytes.Length - index);
                    index += skip;
                    _remaining -= skip;
                    if (_remaining == 0)
                    {
                        _state = State.Header;
                    }

                    break;
            }
        }
    }
}
