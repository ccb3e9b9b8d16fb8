using System.Diagnostics.CodeAnalysis;
using EdgeGateway.Hj212.Codes;

namespace EdgeGateway.Hj212.Packets;

/// <summary>The outcome of reading a packet as a host request, with the answers it calls for.</summary>
public sealed class Hj212HostRequestResult
{
    internal Hj212HostRequestResult(Hj212HostRequest request)
    {
        Request = request;
    }

    internal Hj212HostRequestResult(Hj212HostRequestError error, string reason, string? field = null)
    {
        Error = error;
        Reason = reason;
        Field = field;
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

    /// <summary>The CP item at fault, e.g. <c>MinInterval</c>; null on success and for a CN the decoder does not know.</summary>
    public string? Field { get; }

    /// <summary>
    /// The 9011 answer: 1 (ready) for a decoded request and for one whose CP items are wrong (its 9012 then says
    /// why, HJ 212-2017 Table 6 "请求条件错误"), 8 (CN wrong) for an unknown CN, 2 (rejected) for a known request
    /// the gateway does not carry out. A 2012/2022 notification wants a 9013 instead; the session knows by its type.
    /// </summary>
    public Hj212QnRtn QnRtn => Error switch
    {
        Hj212HostRequestError.UnknownCommand => Hj212QnRtn.CnWrong,
        Hj212HostRequestError.UnsupportedCommand => Hj212QnRtn.Rejected,
        _ => Hj212QnRtn.ReadyToExecute,
    };

    /// <summary>
    /// The 9012 answer the decoding alone decides: 3 (request-condition error) for a missing, malformed or
    /// out-of-range item; null when the request decoded (carrying it out decides) or when no 9012 follows (QnRtn ≠ 1).
    /// </summary>
    public Hj212ExeRtn? ExeRtn => Error is Hj212HostRequestError.MissingItem or Hj212HostRequestError.BadItem or Hj212HostRequestError.OutOfRange
        ? Hj212ExeRtn.RequestConditionError
        : null;
}
