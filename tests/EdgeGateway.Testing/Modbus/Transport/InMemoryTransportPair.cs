namespace EdgeGateway.Testing.Modbus.Transport;

/// <summary>
/// Two connected in-memory transport ends for tests, like the two ends of a null-modem cable: bytes written on
/// one end are read on the other. <c>var (master, slave) = InMemoryTransportPair.Create();</c>
/// </summary>
/// <remarks>
/// Both ends share this object's lock, so one thread may drive each end. Both ends start open.
/// </remarks>
public sealed class InMemoryTransportPair
{
    private InMemoryTransportPair(string name)
    {
        First = new InMemoryTransport(this, $"memory://{name}/first");
        Second = new InMemoryTransport(this, $"memory://{name}/second");
    }

    public InMemoryTransport First { get; }

    public InMemoryTransport Second { get; }

    /// <summary>The lock both ends take; a Monitor so that a blocked Read can wait on it.</summary>
    internal object Gate { get; } = new();

    /// <summary>Creates a connected pair whose ends are named <c>memory://NAME/first</c> and <c>memory://NAME/second</c>.</summary>
    public static InMemoryTransportPair Create(string name = "pair") => new(name);

    public void Deconstruct(out InMemoryTransport first, out InMemoryTransport second)
    {
        first = First;
        second = Second;
    }

    internal InMemoryTransport PeerOf(InMemoryTransport end) => ReferenceEquals(end, First) ? Second : First;
}
