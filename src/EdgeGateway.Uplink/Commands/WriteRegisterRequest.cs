namespace EdgeGateway.Uplink.Commands;

/// <summary>The body of <c>write-register</c>: a device, a holding register and one value or several.</summary>
public sealed record WriteRegisterRequest
{
    public string? Device { get; init; }

    public int? Address { get; init; }

    public int? Value { get; init; }

    public IReadOnlyList<int>? Values { get; init; }
}
