using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using EdgeGateway.Hosting.Journal;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Service.Tests.Hosting;

/// <summary>The journal logger against a datagram socket standing in for journald: the native format and its fields.</summary>
public sealed class JournalLoggerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-journal-").FullName;
    private readonly Socket _journald = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public JournalLoggerTests() => _journald.Bind(new UnixDomainSocketEndPoint(SocketPath));

    private string SocketPath => Path.Combine(_directory, "socket");

    public void Dispose()
    {
        _journald.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void An_entry_carries_priority_identifier_category_and_each_named_value()
    {
        using var provider = new JournalLoggerProvider(SocketPath);
        var logger = provider.CreateLogger("EdgeGateway.FieldBus");
        logger.Log(LogLevel.Warning, new EventId(1004), "Bus {Bus}: {DeviceName} did not answer {Count} times", "rs485-1", "cems", 3);

        var fields = Receive();
        Assert.Equal("Bus rs485-1: cems did not answer 3 times", fields["MESSAGE"]);
        Assert.Equal("4", fields["PRIORITY"]);
        Assert.Equal("edge-gateway", fields["SYSLOG_IDENTIFIER"]);
        Assert.Equal("EdgeGateway.FieldBus", fields["EGW_CATEGORY"]);
        Assert.Equal("1004", fields["EGW_EVENT_ID"]);
        Assert.Equal("rs485-1", fields["EGW_BUS"]);
        Assert.Equal("cems", fields["EGW_DEVICE_NAME"]);
        Assert.Equal("3", fields["EGW_COUNT"]);
        Assert.False(fields.ContainsKey("EGW__ORIGINAL_FORMAT_"));
    }

    [Fact]
    public void A_multi_line_value_uses_the_length_prefixed_form()
    {
        using var provider = new JournalLoggerProvider(SocketPath);
        var exception = new InvalidOperationException("first line\nsecond line");
        provider.CreateLogger("x").Log(LogLevel.Critical, exception, "The ring consumer failed");

        var fields = Receive();
        Assert.StartsWith("The ring consumer failed" + Environment.NewLine + "System.InvalidOperationException: first line\nsecond line", fields["MESSAGE"], StringComparison.Ordinal);
        Assert.Equal("2", fields["PRIORITY"]);
        Assert.Equal("System.InvalidOperationException", fields["EGW_EXCEPTION_TYPE"]);
    }

    [Fact]
    public void A_missing_journal_is_counted_not_thrown()
    {
        using var provider = new JournalLoggerProvider(Path.Combine(_directory, "absent"));
        provider.CreateLogger("x").LogInformation("nobody listens");
        Assert.Equal(1, provider.Dropped);
    }

    [Theory]
    [InlineData("Bus", "EGW_BUS")]
    [InlineData("DeviceName", "EGW_DEVICE_NAME")]
    [InlineData("QuarantinedPath", "EGW_QUARANTINED_PATH")]
    [InlineData("Ms2Wait", "EGW_MS2_WAIT")]
    [InlineData("a.b-c", "EGW_A_B_C")]
    public void Template_names_become_journal_field_names(string name, string field) => Assert.Equal(field, JournalFieldName.From(name));

    // Parses journald's native format: NAME=value lines, or NAME, a 64-bit little-endian length and the raw value.
    private Dictionary<string, string> Receive()
    {
        _journald.ReceiveTimeout = 5000;
        var buffer = new byte[65536];
        var length = _journald.Receive(buffer);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        while (position < length)
        {
            var lineEnd = Array.IndexOf(buffer, (byte)'\n', position, length - position);
            var equals = Array.IndexOf(buffer, (byte)'=', position, lineEnd - position);
            if (equals >= 0)
            {
                fields[Encoding.ASCII.GetString(buffer, position, equals - position)] = Encoding.UTF8.GetString(buffer, equals + 1, lineEnd - equals - 1);
                position = lineEnd + 1;
            }
            else
            {
                var name = Encoding.ASCII.GetString(buffer, position, lineEnd - position);
                var size = (int)BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(lineEnd + 1, 8));
                fields[name] = Encoding.UTF8.GetString(buffer, lineEnd + 9, size);
                Assert.Equal((byte)'\n', buffer[lineEnd + 9 + size]);
                position = lineEnd + 9 + size + 1;
            }
        }

        return fields;
    }
}
