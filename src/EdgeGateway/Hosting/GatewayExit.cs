namespace EdgeGateway.Hosting;

/// <summary>The process exit code, set by a service that hits a fatal error before it asks the host to stop.</summary>
internal sealed class GatewayExit
{
    private int _code;

    public int Code => Volatile.Read(ref _code);

    public string? Reason { get; private set; }

    /// <summary>Records the first fatal error; later ones do not overwrite it.</summary>
    public void Fail(string reason)
    {
        if (Interlocked.CompareExchange(ref _code, 1, 0) == 0)
        {
            Reason = reason;
        }
    }
}
