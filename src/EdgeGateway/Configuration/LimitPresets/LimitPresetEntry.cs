using EdgeGateway.Pipeline.Alarms;

namespace EdgeGateway.Configuration.LimitPresets;

/// <summary>One pollutant's limit in a checked preset.</summary>
/// <param name="Code">HJ 212 pollutant code, e.g. <c>a21026</c>; matches channels by their code.</param>
/// <param name="Quantity">What the limit applies to.</param>
/// <param name="QuantityName">The quantity as written (<c>hourlyConverted</c>), for messages.</param>
/// <param name="Limit">The limit, in <paramref name="Unit"/>.</param>
/// <param name="Unit">Must be the matched channel's unit; limits are not converted.</param>
/// <param name="PreWarning">The pre-warning's fraction of the limit; null: the gateway's default.</param>
/// <param name="PreWarningWindow">The pre-warning's rolling window; null: the gateway's default.</param>
/// <param name="Hysteresis">The clearing hysteresis; null: the gateway's default.</param>
internal sealed record LimitPresetEntry(string Code, LimitQuantity Quantity, string QuantityName, double Limit, string Unit, double? PreWarning, TimeSpan? PreWarningWindow, double? Hysteresis);
