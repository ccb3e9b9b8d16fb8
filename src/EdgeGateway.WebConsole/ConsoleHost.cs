using System.Security.Cryptography.X509Certificates;
using EdgeGateway.Control.Contract.Console;
using EdgeGateway.WebConsole.Access;
using EdgeGateway.WebConsole.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.WebConsole;

/// <summary>Builds the console's web application: Kestrel on the configured address (TLS from PEM files), the page, the API.</summary>
internal static class ConsoleHost
{
    public static WebApplication Build(ConsoleConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!ConsoleListenAddress.TryParse(configuration.Settings.Listen, out var endPoint))
        {
            throw new ArgumentException($"console.listen '{configuration.Settings.Listen}' is not {ConsoleListenAddress.Hint}", nameof(configuration));
        }

        // No command-line arguments: edge-gateway-console parses its own, ASP.NET Core's (--urls ...) do not apply.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var tls = configuration.Settings.Tls;
        var certificate = tls is { Certificate: { } certificateFile, Key: { } keyFile } ? X509Certificate2.CreateFromPemFile(certificateFile, keyFile) : null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(endPoint, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });

        var app = builder.Build();
        var time = TimeProvider.System;
        var access = new ConsoleAccess(configuration.Settings, ConsoleListenAddress.IsLoopback(endPoint), new SessionStore(time), new LoginThrottle(time));
        var api = new ConsoleApi(new GatewayLink(configuration.ControlSocket), access, time);
        var page = new PageResources();
        app.Use(async (context, next) =>
        {
            // The page loads nothing from elsewhere and may not be framed: no CDN to trust, no clickjacking.
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            await next(context);
        });
        app.MapGet("/api/session", api.Session);
        app.MapPost("/api/login", api.Login);
        app.MapPost("/api/logout", api.Logout);
        app.MapGet("/api/overview", api.Overview);
        app.MapGet("/api/trend", api.Trend);
        app.MapPost("/api/maintenance", api.Maintenance);
        app.MapGet("/", context => ServePage(context, page, "index.html"));
        app.MapGet("/{file}", (HttpContext context, string file) => ServePage(context, page, file));
        return app;
    }

    private static Task ServePage(HttpContext context, PageResources page, string name)
    {
        if (page.Find(name) is not { } file)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        context.Response.ContentType = file.ContentType;
        context.Response.Headers.CacheControl = "no-cache";
        return context.Response.Body.WriteAsync(file.Content, context.RequestAborted).AsTask();
    }
}
