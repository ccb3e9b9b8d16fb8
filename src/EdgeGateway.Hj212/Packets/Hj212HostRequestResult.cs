using System.Diagnostics.CodeAnalysis;

namespace EdgeGateway.Hj212.Packets;

/// <summary>The outcome of reading a packet as a host request.</summary>
public sealed class Hj212HostRequestResult
{
    internal Hj212HostRequestResult(Hj212HostRequest request)
    {
        Request = request;
    }

    internal Hj212HostRequestResult(Hj212HostRequestError error, string reason)
    {
        Error = error;
        Reason = reason;
    }

    /// <summary>True when <see cref="Request"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Request))]
    [MemberNotNullWhen(false, nameof(Reason))]
    public bool IsSuccess => Request is not null;

    /// <summary>The decoded request.</summary>
    public Hj212HostRequest? Request { get; }

    /// <summary>What went wrong; <see cref="Hj212HostRequestError.None"/> on success.</summary>
    public Hj212HostRequestError Error { get; }

    /// <summary>Why the packet is not a usable request, in words, e.g. <c>CP item 'SystemTime' missing</c>.</summary>
    public string? Reason { get; }
}
