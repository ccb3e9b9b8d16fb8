using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;
using EdgeGateway.Primitives.Commands;

namespace EdgeGateway.DataFlow.Tests.Control;

/// <summary>The control socket server: envelopes, errors, limits, concurrent and hung clients, the caller's credentials.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ControlServerTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-control-").FullName;
    private readonly List<ControlCaller> _callers = [];
    private readonly ControlServer _server;

    public ControlServerTests() => _server = ControlServer.Start(SocketPath, HandleAsync);

    private string SocketPath => Path.Combine(_directory, "control.sock");

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void A_request_gets_its_response_with_the_id_echoed_and_the_socket_is_group_only()
    {
        using var client = ControlClient.Connect(SocketPath);
        var response = client.Send("echo", JsonDocument.Parse("""{"text":"hello"}""").RootElement);

        Assert.True(response.Ok);
        Assert.Equal("1", response.Id);
        Assert.Equal("hello", response.Result!.Value.GetProperty("text").GetString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, File.GetUnixFileMode(SocketPath));
    }

    [Fact]
    public void The_kernel_names_the_caller()
    {
        using var client = ControlClient.Connect(SocketPath);
        client.Send("echo");
        var caller = Assert.Single(_callers);
        Assert.Equal(Environment.ProcessId, caller.ProcessId);
        Assert.Equal(OwnUid(), caller.UserId);
    }

    [Theory]
    [InlineData("this is not json", "malformed")]
    [InlineData("[1,2,3]", "malformed")]
    [InlineData("""{"v":1,"id":"x"}""", "malformed")]
    [InlineData("""{"v":1,"id":"x","command":17}""", "malformed")]
    [InlineData("""{"v":2,"id":"x","command":"echo"}""", "unsupported-version")]
    [InlineData("""{"v":1,"id":"x","command":"reboot"}""", "unknown-command")]
    [InlineData("""{"v":1,"id":"x","command":"explode"}""", "failed")]
    public void A_bad_request_gets_an_error_and_the_connection_stays_usable(string line, string code)
    {
        using var socket = Connect();
        Assert.Equal(code, Exchange(socket, line).GetProperty("error").GetProperty("code").GetString());
        Assert.True(Exchange(socket, """{"v":1,"id":"next","command":"echo"}""").GetProperty("ok").GetBoolean());
    }

    [Fact]
    public void Random_bytes_never_break_the_server()
    {
        var random = new Random(212);
        for (var i = 0; i < 50; i++)
        {
            using var socket = Connect();
            var garbage = new byte[random.Next(1, 2000)];
            random.NextBytes(garbage);
            garbage[^1] = (byte)'\n';
            socket.Send(garbage);
            socket.Shutdown(SocketShutdown.Send);
        }

        using var client = ControlClient.Connect(SocketPath);
        Assert.True(client.Send("echo").Ok);
    }

    [Fact]
    public void An_oversized_request_is_refused_and_the_connection_closed()
    {
        using var socket = Connect();
        socket.Send(Encoding.UTF8.GetBytes(new string('x', ControlProtocol.MaxRequestBytes + 10)));
        var reply = ReadLine(socket);
        Assert.Equal("oversized", JsonDocument.Parse(reply!).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Null(ReadLine(socket));
    }

    [Fact]
    public async Task A_hung_client_does_not_block_others_and_many_clients_are_served_at_once()
    {
        using var hung = Connect();
        hung.Send("""{"v":1,"id":"half","comm"""u8.ToArray());

        var clients = Enumerable.Range(0, 8).Select(n => Task.Run(() =>
        {
            using var client = ControlClient.Connect(SocketPath);
            for (var i = 0; i < 25; i++)
            {
                var response = client.Send("echo", JsonDocument.Parse($$"""{"text":"{{n}}-{{i}}"}""").RootElement);
                Assert.Equal($"{n}-{i}", response.Result!.Value.GetProperty("text").GetString());
            }
        }, TestContext.Current.CancellationToken)).ToArray();
        await Task.WhenAll(clients).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.True(_server.Requests >= 200);
    }

    [Fact]
    public async Task Control_socket_held_by_32_idle_and_32_slow_connections_still_answers_status()
    {
        // Issue 14, defect 6: 32 idle connections, or 32 sending a byte now and then, kept `egw status` out.
        var holders = new System.Collections.Concurrent.ConcurrentBag<Socket>();
        try
        {
            // All in one bounded task: on a server that only queues, connecting itself blocks once its backlog is full.
            var status = await Task.Run(() =>
            {
                for (var i = 0; i < 32; i++)
                {
                    holders.Add(Connect());
                }

                var slow = new List<Socket>();
                for (var i = 0; i < 32; i++)
                {
                    var socket = Connect();
                    holders.Add(socket);
                    socket.Send("{"u8.ToArray());
                    slow.Add(socket);
                }

                foreach (var socket in slow)
                {
                    socket.Send("\"v"u8.ToArray());
                }

                using var client = ControlClient.Connect(SocketPath);
                return client.Send("echo", JsonDocument.Parse("""{"text":"status"}""").RootElement);
            }, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

            Assert.True(status.Ok);
            Assert.Equal("status", status.Result!.Value.GetProperty("text").GetString());
            Assert.True(_server.Open <= new ControlServerOptions().MaxConnections);
            Assert.True(_server.Dropped >= 33);
        }
        finally
        {
            foreach (var socket in holders)
            {
                socket.Dispose();
            }
        }
    }

    [Fact]
    public async Task Control_socket_closes_a_connection_trickling_a_partial_line_at_its_idle_deadline()
    {
        // Issue 14, defect 6: a byte a minute restarted the idle clock for ever.
        var path = Path.Combine(_directory, "short.sock");
        await using var server = ControlServer.Start(path, HandleAsync, new ControlServerOptions { IdleTimeout = TimeSpan.FromSeconds(1) });
        using var slow = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 200 };
        slow.Connect(new UnixDomainSocketEndPoint(path));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var closed = false;
        while (!closed && DateTime.UtcNow < deadline)
        {
            try
            {
                slow.Send(" "u8.ToArray());
                closed = slow.Receive(new byte[16]) == 0;
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.TimedOut)
            {
                // Still open: trickle on.
            }
            catch (SocketException)
            {
                closed = true;
            }
        }

        Assert.True(closed, "the trickling connection was never closed");
        using var client = ControlClient.Connect(path);
        Assert.True(client.Send("echo").Ok);
    }

    [Fact]
    public async Task Control_socket_refuses_a_new_connection_with_busy_only_when_every_place_executes()
    {
        var path = Path.Combine(_directory, "two.sock");
        var release = new TaskCompletionSource();
        var executing = 0;
        await using var server = ControlServer.Start(path, async (request, _, cancellationToken) =>
        {
            Interlocked.Increment(ref executing);
            await release.Task.WaitAsync(cancellationToken);
            return ControlResponse.Success(request.Id, JsonDocument.Parse("{}").RootElement);
        }, new ControlServerOptions { MaxConnections = 2 });
        var clients = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            using var client = ControlClient.Connect(path);
            return client.Send("wait", timeout: TimeSpan.FromSeconds(60)).Ok;
        }, TestContext.Current.CancellationToken)).ToArray();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Volatile.Read(ref executing) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        using (var refused = ControlClient.Connect(path))
        {
            var response = refused.Send("echo");
            Assert.False(response.Ok);
            Assert.Equal(CommandErrorCodes.Busy, response.Error!.Code);
        }

        release.SetResult();
        Assert.All(await Task.WhenAll(clients).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), Assert.True);
    }

    [Fact]
    public void A_missing_service_is_reported_as_unavailable()
    {
        var error = Assert.Throws<ControlUnavailableException>(() => ControlClient.Connect(Path.Combine(_directory, "absent.sock")));
        Assert.Contains("not running", error.Message, StringComparison.Ordinal);
    }

    private ValueTask<ControlResponse> HandleAsync(ControlRequest request, ControlCaller caller, CancellationToken cancellationToken)
    {
        lock (_callers)
        {
            _callers.Add(caller);
        }

        return request.Command switch
        {
            "echo" => ValueTask.FromResult(ControlResponse.Success(request.Id, request.Args ?? JsonDocument.Parse("{}").RootElement)),
            "explode" => throw new InvalidOperationException("boom"),
            _ => ValueTask.FromResult(ControlResponse.Failure(request.Id, CommandErrorCodes.UnknownCommand, "unknown")),
        };
    }

    private Socket Connect()
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 5000 };
        socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
        return socket;
    }

    private static JsonElement Exchange(Socket socket, string line)
    {
        socket.Send(Encoding.UTF8.GetBytes(line + "\n"));
        return JsonDocument.Parse(ReadLine(socket) ?? throw new InvalidOperationException("closed")).RootElement;
    }

    private static string? ReadLine(Socket socket)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (socket.Receive(one) == 1)
        {
            if (one[0] == '\n')
            {
                return Encoding.UTF8.GetString([.. bytes]);
            }

            bytes.Add(one[0]);
        }

        return bytes.Count == 0 ? null : Encoding.UTF8.GetString([.. bytes]);
    }

    private static uint OwnUid() =>
        uint.Parse(File.ReadLines("/proc/self/status").First(line => line.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
}
