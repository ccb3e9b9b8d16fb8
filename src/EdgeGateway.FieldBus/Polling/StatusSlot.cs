using EdgeGateway.FieldBus.Profiles;

namespace EdgeGateway.FieldBus.Polling;

/// <summary>A status word's place in a request's answer and the channel states it can set.</summary>
internal sealed record StatusSlot(ProfileStatusWord Word, int Offset, StatusTarget[] Targets);
