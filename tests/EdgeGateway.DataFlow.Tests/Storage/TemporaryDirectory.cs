namespace EdgeGateway.DataFlow.Tests.Storage;

/// <summary>A fresh directory per test, removed with everything in it afterwards.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("egw-outbox-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A mount point (the tmpfs test) is removed by its own clean-up.
        }
    }
}
