namespace EdgeGateway.WebConsole;

/// <summary>The page's files, embedded in the assembly (<c>Page/*</c>), read once on first use.</summary>
internal sealed class PageResources
{
    private readonly Dictionary<string, (byte[] Content, string ContentType)> _files = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public (byte[] Content, string ContentType)? Find(string name)
    {
        lock (_lock)
        {
            if (_files.TryGetValue(name, out var cached))
            {
                return cached;
            }

            using var stream = typeof(PageResources).Assembly.GetManifestResourceStream("page/" + name);
            if (stream is null)
            {
                return null;
            }

            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var file = (memory.ToArray(), ContentTypeOf(name));
            _files[name] = file;
            return file;
        }
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
