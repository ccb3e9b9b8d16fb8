using System.Globalization;
using System.Text.Json;
using EdgeGateway.Control.Contract;
using EdgeGateway.Primitives.Commands;
using EdgeGateway.WebConsole.Access;
using Microsoft.AspNetCore.Http;

namespace EdgeGateway.WebConsole.Api;

/// <summary>
/// The console's JSON API under <c>/api</c>. Each call asks the gateway over its control socket and hands the
/// gateway's envelope (<c>{ok, result}</c> or <c>{ok:false, error:{code, message}}</c>) to the page unchanged, so
/// the page shows the gateway's own error messages. State-changing calls are POST with a JSON body and the
/// <see cref="CsrfHeader"/> header, which a page of another origin cannot send without a CORS preflight (never granted).
/// </summary>
internal sealed class ConsoleApi(GatewayLink gateway, ConsoleAccess access, TimeProvider time)
{
    public const string CsrfHeader = "X-EGW-Console";

    /// <summary>GET /api/session: whether a login is needed and who is logged in.</summary>
    public Task Session(HttpContext context) => WriteSession(context, access.UserOf(SessionId(context)));

    /// <summary>POST /api/login {user, password}.</summary>
    public async Task Login(HttpContext context)
    {
        if (await ReadBody(context, ConsoleJsonContext.Default.LoginRequest) is not { } login)
        {
            return;
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var delay = access.Throttle.DelayFor(address);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, context.RequestAborted);
        }

        var user = login.User?.Trim() ?? string.Empty;
        if (user.Length == 0 || string.IsNullOrEmpty(login.Password) || !access.Verify(user, login.Password))
        {
            var failures = access.Throttle.Failed(address);
            System.Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"edge-gateway-console: failed login for '{Printable(user)}' from {address} ({failures} in {LoginThrottle.Memory.TotalMinutes:0} min, {access.Throttle.FailedLogins} since start)"));
            await Write(context, StatusCodes.Status401Unauthorized, ControlResponse.Failure(null, "login-failed", "wrong user name or password"));
            return;
        }

        access.Throttle.Succeeded(address);
        var (id, session) = access.Sessions.Start(user);
        context.Response.Cookies.Append(ConsoleAccess.CookieName, id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = access.Tls,
            Path = "/",
            Expires = session.Expires,
        });
        System.Console.Error.WriteLine($"edge-gateway-console: '{user}' logged in from {address}");
        await WriteSession(context, user);
    }

    /// <summary>POST /api/logout.</summary>
    public Task Logout(HttpContext context)
    {
        access.Sessions.End(SessionId(context));
        context.Response.Cookies.Delete(ConsoleAccess.CookieName, new CookieOptions { Path = "/", Secure = access.Tls, HttpOnly = true, SameSite = SameSiteMode.Strict });
        return WriteSession(context, access.LoginRequired ? null : ConsoleAccess.LocalUser);
    }

    /// <summary>GET /api/overview: everything the page shows but the trend, from one connection to the gateway.</summary>
    public async Task Overview(HttpContext context)
    {
        if (await RequireUser(context) is null)
        {
            return;
        }

        var since = time.GetUtcNow().AddDays(-1).ToString("O", CultureInfo.InvariantCulture);
        (string Name, string Command, JsonElement? Args)[] parts =
        [
            ("latest", "latest", null),
            ("alarms", "alarms", null),
            ("status", "status", null),
            ("platforms", "platforms", null),
            ("windows", "windows", null),
            ("audit", "audit", ControlArguments.Of(("since", since))),
        ];
        var responses = await gateway.AskAsync([.. parts.Select(part => (part.Command, part.Args))]);
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            for (var i = 0; i < parts.Length; i++)
            {
                json.WritePropertyName(parts[i].Name);
                JsonSerializer.Serialize(json, responses[i], ControlJsonContext.Default.ControlResponse);
            }

            json.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
    }

    /// <summary>GET /api/trend?channel=cems.so2&amp;period=readings|minute.</summary>
    public async Task Trend(HttpContext context)
    {
        if (await RequireUser(context) is null)
        {
            return;
        }

        var channel = context.Request.Query["channel"].ToString();
        var period = context.Request.Query["period"].ToString();
        if (channel.Length == 0)
        {
            await Write(context, StatusCodes.Status400BadRequest, ControlResponse.Failure(null, CommandErrorCodes.InvalidArgument, "trend: channel is required"));
            return;
        }

        var responses = await gateway.AskAsync(("trend", ControlArguments.Of(("channel", channel), ("period", period.Length == 0 ? "readings" : period))));
        await Write(context, StatusCodes.Status200OK, responses[0]);
    }

    /// <summary>POST /api/maintenance {action, device|channel, reason, minutes}: audited as the logged-in user (onBehalfOf).</summary>
    public async Task Maintenance(HttpContext context)
    {
        if (await RequireUser(context) is not { } user || await ReadBody(context, ConsoleJsonContext.Default.MaintenanceRequest) is not { } request)
        {
            return;
        }

        var responses = await gateway.AskAsync(("maintenance", ControlArguments.Of(
            ("action", request.Action),
            ("device", string.IsNullOrWhiteSpace(request.Device) ? null : request.Device.Trim()),
            ("channel", string.IsNullOrWhiteSpace(request.Channel) ? null : request.Channel.Trim()),
            ("reason", string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim()),
            ("forSeconds", request.Minutes is { } minutes ? minutes * 60 : null),
            ("onBehalfOf", user))));
        await Write(context, StatusCodes.Status200OK, responses[0]);
    }

    private async Task<string?> RequireUser(HttpContext context)
    {
        if (access.UserOf(SessionId(context)) is { } user)
        {
            return user;
        }

        await Write(context, StatusCodes.Status401Unauthorized, ControlResponse.Failure(null, "login-required", "log in first"));
        return null;
    }

    // A state-changing request: POST, a JSON body, and the console's header (no other origin can send it).
    private static async Task<T?> ReadBody<T>(HttpContext context, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Headers[CsrfHeader] != "1"
            || context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            await Write(context, StatusCodes.Status403Forbidden, ControlResponse.Failure(null, "forbidden", $"state-changing requests are POST with a JSON body and the {CsrfHeader} header"));
            return null;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted)
                ?? throw new JsonException("empty body");
        }
        catch (JsonException exception)
        {
            await Write(context, StatusCodes.Status400BadRequest, ControlResponse.Failure(null, "malformed", $"the body is not the expected JSON: {exception.Message}"));
            return null;
        }
    }

    private Task WriteSession(HttpContext context, string? user)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new SessionView(access.LoginRequired, user, access.Tls, gateway.SocketPath), ConsoleJsonContext.Default.SessionView), context.RequestAborted);
    }

    private static Task Write(HttpContext context, int status, ControlResponse response)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(response, ControlJsonContext.Default.ControlResponse), context.RequestAborted);
    }

    private static string? SessionId(HttpContext context) => context.Request.Cookies[ConsoleAccess.CookieName];

    private static string Printable(string text) => new([.. text.Take(64).Select(character => char.IsControl(character) ? '?' : character)]);
}
