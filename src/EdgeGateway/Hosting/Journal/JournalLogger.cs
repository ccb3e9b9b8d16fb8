using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hosting.Journal;

/// <summary>One category's logger of <see cref="JournalLoggerProvider"/>: formats an entry in journald's native format.</summary>
internal sealed class JournalLogger(JournalLoggerProvider provider, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var entry = new ArrayBufferWriter<byte>(512);
        var message = formatter(state, exception);
        Field(entry, "MESSAGE", exception is null ? message : message + Environment.NewLine + exception);
        Field(entry, "PRIORITY", Priority(logLevel).ToString(CultureInfo.InvariantCulture));
        Field(entry, "SYSLOG_IDENTIFIER", provider.Identifier);
        Field(entry, "EGW_CATEGORY", category);
        if (eventId.Id != 0)
        {
            Field(entry, "EGW_EVENT_ID", eventId.Id.ToString(CultureInfo.InvariantCulture));
        }

        if (exception is not null)
        {
            Field(entry, "EGW_EXCEPTION_TYPE", exception.GetType().FullName ?? exception.GetType().Name);
        }

        if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            foreach (var (key, value) in values)
            {
                // "{OriginalFormat}" is the template itself; the rest are the named values.
                if (key != "{OriginalFormat}" && value is not null)
                {
                    Field(entry, JournalFieldName.From(key), Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                }
            }
        }

        provider.Send(entry.WrittenSpan);
    }

    // syslog priorities: 2 critical, 3 error, 4 warning, 6 info, 7 debug.
    private static int Priority(LogLevel level) => level switch
    {
        LogLevel.Critical => 2,
        LogLevel.Error => 3,
        LogLevel.Warning => 4,
        LogLevel.Information => 6,
        _ => 7,
    };

    // "NAME=value\n", or for values with a line break "NAME\n" + 64-bit little-endian length + value + "\n".
    private static void Field(ArrayBufferWriter<byte> entry, string name, string value)
    {
        Encoding.ASCII.GetBytes(name, entry);
        if (value.Contains('\n', StringComparison.Ordinal))
        {
            entry.Write("\n"u8);
            var length = entry.GetSpan(8);
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)Encoding.UTF8.GetByteCount(value));
            entry.Advance(8);
        }
        else
        {
            entry.Write("="u8);
        }

        Encoding.UTF8.GetBytes(value, entry);
        entry.Write("\n"u8);
    }
}
