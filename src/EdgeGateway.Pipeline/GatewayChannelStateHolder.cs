using EdgeGateway.Pipeline.Validation;

namespace EdgeGateway.Pipeline;

/// <summary>Holds the current <see cref="GatewayChannelState"/>; readers take it once per cycle, writers swap in a new one.</summary>
public sealed class GatewayChannelStateHolder(GatewayChannelState initial)
{
    private GatewayChannelState _current = initial;

    public GatewayChannelState Current => Volatile.Read(ref _current);

    /// <summary>Applies <paramref name="change"/> to the current snapshot and swaps the result in, retrying if another writer won.</summary>
    public GatewayChannelState Update(Func<GatewayChannelState, GatewayChannelState> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var before = Current;
            var after = change(before);
            if (Interlocked.CompareExchange(ref _current, after, before) == before)
            {
                return after;
            }
        }
    }
}
