using System.Globalization;
using System.Text.Json;
using EdgeGateway.Pipeline;
using EdgeGateway.Storage;

namespace EdgeGateway.Uplink.Contract;

/// <summary>
/// Writes one reading of a readings message: the same bytes <see cref="JsonSerializer"/> writes for its
/// <see cref="ContractReading"/> (camelCase, declaration order, nulls left out, the default encoder's escaping; a test
/// holds the two equal), without building the record. Every reading goes through here, so the channel's key, code,
/// unit and kind, the flag letters and the reason words are encoded once, and the time is formatted into a stack
/// buffer (issue 18: the serializer's record, its time string and its nullable-number path were most of the encoding).
/// </summary>
internal sealed class ContractReadingWriter
{
    private static readonly JsonEncodedText SequenceName = JsonEncodedText.Encode("sequence");
    private static readonly JsonEncodedText ChannelName = JsonEncodedText.Encode("channel");
    private static readonly JsonEncodedText CodeName = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText UnitName = JsonEncodedText.Encode("unit");
    private static readonly JsonEncodedText TimeName = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText RawName = JsonEncodedText.Encode("raw");
    private static readonly JsonEncodedText FlagName = JsonEncodedText.Encode("flag");
    private static readonly JsonEncodedText ReasonName = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText KindName = JsonEncodedText.Encode("kind");

    private readonly (JsonEncodedText Key, JsonEncodedText Code, JsonEncodedText Unit, JsonEncodedText? Kind)[] _channels;
    private readonly JsonEncodedText?[] _flags;
    private readonly JsonEncodedText?[] _reasons;
    private readonly Func<DataFlag, string> _flagNameOf;
    private readonly Func<FlagReason, string> _reasonNameOf;

    /// <param name="channels">Key, code, unit and kind of each channel, by index.</param>
    /// <param name="flagNames">The flag letters, by value (a null or missing entry is named by <paramref name="flagNameOf"/>).</param>
    /// <param name="reasonNames">The reason words, by value (likewise).</param>
    public ContractReadingWriter(
        IReadOnlyList<(string Key, string Code, string Unit, string? Kind)> channels,
        IReadOnlyList<string?> flagNames,
        IReadOnlyList<string?> reasonNames,
        Func<DataFlag, string> flagNameOf,
        Func<FlagReason, string> reasonNameOf)
    {
        _channels = [.. channels.Select(channel => (
            JsonEncodedText.Encode(channel.Key),
            JsonEncodedText.Encode(channel.Code),
            JsonEncodedText.Encode(channel.Unit),
            channel.Kind is null ? (JsonEncodedText?)null : JsonEncodedText.Encode(channel.Kind)))];
        _flags = [.. flagNames.Select(name => name is null ? (JsonEncodedText?)null : JsonEncodedText.Encode(name))];
        _reasons = [.. reasonNames.Select(name => name is null ? (JsonEncodedText?)null : JsonEncodedText.Encode(name))];
        _flagNameOf = flagNameOf;
        _reasonNameOf = reasonNameOf;
    }

    public void Write(Utf8JsonWriter writer, OutboxReading entry)
    {
        var reading = entry.Reading;
        writer.WriteStartObject();
        writer.WriteNumber(SequenceName, entry.Sequence);
        if (reading.Channel >= 0 && reading.Channel < _channels.Length)
        {
            var channel = _channels[reading.Channel];
            writer.WriteString(ChannelName, channel.Key);
            writer.WriteString(CodeName, channel.Code);
            writer.WriteString(UnitName, channel.Unit);
            WriteValues(writer, reading);
            if (channel.Kind is { } kind)
            {
                writer.WriteString(KindName, kind);
            }
        }
        else
        {
            // A channel the table no longer has (the config changed since it was stored) goes out named by its index.
            writer.WriteString(ChannelName, "#" + reading.Channel.ToString(CultureInfo.InvariantCulture));
            writer.WriteString(CodeName, string.Empty);
            writer.WriteString(UnitName, string.Empty);
            WriteValues(writer, reading);
        }

        writer.WriteEndObject();

        // The caller measures the item by what reached the buffer.
        writer.Flush();
    }

    // Time, value, raw, flag and reason: the same for a known channel and an unknown one.
    private void WriteValues(Utf8JsonWriter writer, in Reading reading)
    {
        Span<byte> time = stackalloc byte[ContractTime.Length];
        writer.WriteString(TimeName, time[..ContractTime.Format(reading.TimestampTicks, time)]);

        // JSON has no NaN or infinity; "no value" is null, and a null is left out.
        if (double.IsFinite(reading.Value))
        {
            writer.WriteNumber(ValueName, reading.Value);
        }

        if (double.IsFinite(reading.Raw))
        {
            writer.WriteNumber(RawName, reading.Raw);
        }

        if ((int)reading.Flag >= 0 && (int)reading.Flag < _flags.Length && _flags[(int)reading.Flag] is { } flag)
        {
            writer.WriteString(FlagName, flag);
        }
        else
        {
            writer.WriteString(FlagName, _flagNameOf(reading.Flag));
        }

        if ((int)reading.Reason >= 0 && (int)reading.Reason < _reasons.Length && _reasons[(int)reading.Reason] is { } reason)
        {
            writer.WriteString(ReasonName, reason);
        }
        else
        {
            writer.WriteString(ReasonName, _reasonNameOf(reading.Reason));
        }
    }
}
