using System.Text;
using EdgeGateway.Primitives.Commands;
using EdgeGateway.Uplink.Commands;

namespace EdgeGateway.DataFlow.Tests.Uplink.Commands;

/// <summary>
/// Random and mangled requests: the handler never throws, always answers with a well-formed envelope, and an answer
/// that is not a success carries one of the contract's error codes. Seeded, so a failure can be replayed.
/// </summary>
public sealed class PlatformCommandFuzzTests
{
    private static readonly string[] ErrorCodes =
    [
        CommandErrorCodes.UnknownCommand, CommandErrorCodes.Malformed, CommandErrorCodes.InvalidArgument,
        CommandErrorCodes.Busy, CommandErrorCodes.Forbidden, CommandErrorCodes.Failed,
    ];

    private static readonly string[] Commands = ["ping", "get-time", "set-time", "get-rt-interval", "set-rt-interval", "history", "nope", ""];

    private static readonly string[] ValidBodies =
    [
        """{"id":"a","time":"2026-03-01T08:00:00Z"}""",
        """{"id":1,"seconds":30}""",
        """{"id":"h","period":"minute","begin":"2026-03-01T08:00:00Z","end":"2026-03-01T09:00:00Z"}""",
        """{"cn":"2061","beginTime":"20260301160000","endTime":"20260301175959"}""",
        """{}""",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Random_bytes_never_throw_and_always_get_an_error_reply(int seed)
    {
        var random = new Random(seed);
        await using var gateway = new CommandTestGateway(CommandTestGateway.FastOptions);
        for (var i = 0; i < 300; i++)
        {
            var body = new byte[random.Next(1, 200)];
            random.NextBytes(body);
            body[0] = (byte)random.Next(0x80, 0x100);   // never a valid start of JSON, so never a valid request

            var reply = await gateway.SendAsync(CommandTestGateway.Request(Commands[random.Next(Commands.Length)], body));

            Assert.False(reply.Ok, reply.Text);
            Assert.Contains(reply.ErrorCode, ErrorCodes);
        }

        Assert.Empty(gateway.ClockSetter.Set);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task Mangled_requests_never_throw_and_answer_in_the_envelope(int seed)
    {
        var random = new Random(seed);
        await using var gateway = new CommandTestGateway(CommandTestGateway.FastOptions);
        for (var i = 0; i < 500; i++)
        {
            var body = Mangle(ValidBodies[random.Next(ValidBodies.Length)], random);

            var reply = await gateway.SendAsync(CommandTestGateway.Request(Commands[random.Next(Commands.Length)], body));

            if (!reply.Ok)
            {
                Assert.Contains(reply.ErrorCode, ErrorCodes);
                Assert.False(string.IsNullOrWhiteSpace(reply.ErrorMessage), reply.Text);
            }
        }

        // Whatever got through to a seam was a valid request: a plausible time.
        Assert.All(gateway.ClockSetter.Set, time => Assert.InRange(time.Year, 2020, 2099));
    }

    private static byte[] Mangle(string valid, Random random)
    {
        var text = new StringBuilder(valid);
        var edits = random.Next(1, 4);
        for (var edit = 0; edit < edits && text.Length > 0; edit++)
        {
            var at = random.Next(text.Length);
            switch (random.Next(6))
            {
                case 0:
                    text.Remove(at, 1);
                    break;
                case 1:
                    text.Insert(at, "{}[]\":,0-e.tn\\"[random.Next(14)]);
                    break;
                case 2:
                    text.Length = at;
                    break;
                case 3:
                    text[at] = (char)random.Next(32, 127);
                    break;
                case 4:
                    text.Insert(at, random.Next(2) == 0 ? "99999999999999999999" : "-1");
                    break;
                default:
                    text.Replace("\"", string.Empty, at, text.Length - at);
                    break;
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
