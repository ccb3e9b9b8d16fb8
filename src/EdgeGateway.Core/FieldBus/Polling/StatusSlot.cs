using EdgeGateway.Core.FieldBus.Profiles;

namespace EdgeGateway.Core.FieldBus.Polling;

/// <summary>A status word's place in a request's answer and the channel states it can set.</summary>
internal sealed record StatusSlot(ProfileStatusWord Word, int Offset, StatusTarget[] Targets);
