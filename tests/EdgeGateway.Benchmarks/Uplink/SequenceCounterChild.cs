using System.Buffers;
using System.Globalization;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.Benchmarks.Uplink;

/// <summary>
/// The platform's side of the uplink benches, in its own process so that its CPU is not charged to the gateway: a
/// QoS 1 subscriber that reads firstSequence/lastSequence from every data message (the contract says a message holds
/// exactly that range) and tallies them. Prints READY once subscribed, then "SEEN distinct duplicates messages
/// highest liveMessages maxLiveAgeMs" every 100 ms; "STOP last" on stdin makes it print "FINAL distinct duplicates
/// messages missing ranges" for 1..last and exit. With a third argument, a Unix time in milliseconds, readings stamped
/// at or after it are live: the age of each readings message's first (oldest) reading on arrival is kept, its maximum
/// reported (and how many were older than <see cref="LateMs"/>), which is how late live data reach the platform.
/// </summary>
internal static class SequenceCounterChild
{
    /// <summary>A live message whose oldest reading is older than this on arrival counts as late (issue 18: within 2 s).</summary>
    public const long LateMs = 2_000;

    public static int Run(string[] args)
    {
        var port = int.Parse(args[0], CultureInfo.InvariantCulture);
        var topicFilter = args[1];
        DateTimeOffset? liveAfter = args.Length > 2 ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(args[2], CultureInfo.InvariantCulture)) : null;
        var tally = new SequenceTally();
        long liveMessages = 0;
        long maxLiveAgeMs = 0;
        long liveLate = 0;
        var factory = new MqttClientFactory();
        using var client = factory.CreateMqttClient();
        client.ApplicationMessageReceivedAsync += received =>
        {
            var message = received.ApplicationMessage;
            try
            {
                if (!message.Topic.EndsWith("/status", StringComparison.Ordinal) && TryReadRange(message.Payload, out var first, out var last))
                {
                    tally.Add(first, last);
                    if (liveAfter is { } after && message.Topic.EndsWith("/readings", StringComparison.Ordinal)
                        && TryReadFirstReadingTime(message.Payload, out var time) && time >= after)
                    {
                        var age = (long)(DateTimeOffset.UtcNow - time).TotalMilliseconds;
                        Interlocked.Increment(ref liveMessages);
                        if (age > LateMs)
                        {
                            Interlocked.Increment(ref liveLate);
                        }

                        long seen;
                        while (age > (seen = Interlocked.Read(ref maxLiveAgeMs)) && Interlocked.CompareExchange(ref maxLiveAgeMs, age, seen) != seen)
                        {
                            // Another message raised it meanwhile; look again.
                        }
                    }
                }
            }
            catch (Exception exception)
            {
                Console.Error.WriteLine($"subscriber failed on {message.Topic}: {exception}");
            }

            return Task.CompletedTask;
        };

        var stopping = false;
        client.DisconnectedAsync += disconnected =>
        {
            // A lost subscriber shows as missing sequences; say why.
            if (!Volatile.Read(ref stopping))
            {
                Console.Error.WriteLine($"subscriber disconnected: {disconnected.Reason} {disconnected.ReasonString} {disconnected.Exception?.Message}");
            }

            return Task.CompletedTask;
        };

        var options = factory.CreateClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("bench-platform")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();

        // MQTTnet sets SO_RCVBUF to its BufferSize, 8 KiB by default, which turns off the kernel's autotuning: under a
        // flood the receive window collapsed to a few kilobytes and the broker's sends crawled on the persist timer.
        ((MqttClientTcpOptions)options.ChannelOptions).BufferSize = 4 << 20;
        var connected = client.ConnectAsync(options).GetAwaiter().GetResult();
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            Console.Error.WriteLine($"subscriber refused: {connected.ResultCode}");
            return 1;
        }

        client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build()).GetAwaiter().GetResult();
        Console.Out.WriteLine("READY");
        Console.Out.Flush();

        using var reporting = new CancellationTokenSource();
        var reporter = Task.Run(async () =>
        {
            while (!reporting.IsCancellationRequested)
            {
                var (distinct, duplicates, messages, highest) = tally.Snapshot;
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SEEN {distinct} {duplicates} {messages} {highest} {Interlocked.Read(ref liveMessages)} {Interlocked.Read(ref maxLiveAgeMs)} {Interlocked.Read(ref liveLate)}"));
                Console.Out.Flush();
                try
                {
                    await Task.Delay(100, reporting.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });

        string? command;
        while ((command = Console.In.ReadLine()) is not null && !command.StartsWith("STOP", StringComparison.Ordinal))
        {
            // Nothing else is asked.
        }

        reporting.Cancel();
        reporter.GetAwaiter().GetResult();
        var expectedLast = command is null ? tally.Snapshot.Highest : long.Parse(command.Split(' ')[1], CultureInfo.InvariantCulture);
        var final = tally.Snapshot;
        var (missing, ranges) = tally.Missing(expectedLast);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FINAL {final.Distinct} {final.Duplicates} {final.Messages} {missing} {ranges}"));
        Console.Out.Flush();
        Volatile.Write(ref stopping, true);
        client.DisconnectAsync().GetAwaiter().GetResult();
        return 0;
    }

    // The first reading's "time" (the oldest of the message: readings go in outbox order); the scan stops there.
    private static bool TryReadFirstReadingTime(ReadOnlySequence<byte> payload, out DateTimeOffset time)
    {
        time = default;
        var reader = new Utf8JsonReader(payload);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 3 && reader.ValueTextEquals("time"u8))
            {
                reader.Read();
                return DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
            }
        }

        return false;
    }

    // The envelope's firstSequence and lastSequence come before the records, so the scan stops early.
    private static bool TryReadRange(ReadOnlySequence<byte> payload, out long first, out long last)
    {
        first = last = 0;
        var found = 0;
        var reader = new Utf8JsonReader(payload);
        while (found < 2 && reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                if (reader.ValueTextEquals("firstSequence"u8))
                {
                    reader.Read();
                    first = reader.GetInt64();
                    found++;
                }
                else if (reader.ValueTextEquals("lastSequence"u8))
                {
                    reader.Read();
                    last = reader.GetInt64();
                    found++;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }

        return found == 2;
    }
}
