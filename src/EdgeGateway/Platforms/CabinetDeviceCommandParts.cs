using EdgeGateway.Control;
using EdgeGateway.Control.Analyzer;
using EdgeGateway.FieldBus.Commands;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.Pipeline;
using EdgeGateway.Uplink.Commands;

namespace EdgeGateway.Platforms;

/// <summary>What <see cref="CabinetDeviceCommands"/> acts on: the same parts the MQTT commands and <c>egw analyzer</c> use.</summary>
internal sealed record CabinetDeviceCommandParts
{
    public required ChannelTable Channels { get; init; }

    public required IReadOnlyList<BusPoller> Buses { get; init; }

    /// <summary>Zero, span, blow-back, sampling: <c>egw analyzer</c>'s mechanism (flags C/M, audit, event).</summary>
    public required AnalyzerCommandHandler Analyzer { get; init; }

    /// <summary>The samplers' retainSample, as for an exceedance and the MQTT retain-sample.</summary>
    public required ISampleRetainer SampleRetainer { get; init; }

    /// <summary>The devices whose profile declares retainSample.</summary>
    public required IReadOnlyList<string> Samplers { get; init; }

    /// <summary>Tells the alarm stage a sample was kept (its <c>SampleTaken</c>), so an exceedance shows the bottle.</summary>
    public Action<string, SampleRetentionOutcome, string>? SampleTaken { get; init; }

    /// <summary>Whether NTP keeps the clock: 1012 is refused while it does, as the MQTT set-time is.</summary>
    public required IClockStatusProbe ClockStatus { get; init; }

    /// <summary>Steps the clock (with an RTC, the keeper that also writes it); null: this gateway cannot set its clock.</summary>
    public ISystemClockSetter? ClockSetter { get; init; }

    /// <summary>The latest value of every channel: 3020 information channels (<c>i1xxxx</c> codes).</summary>
    public required LatestReadings Latest { get; init; }

    public required AuditTrail Audit { get; init; }

    /// <summary>How long a sampler's answer (or the bus it waits for) may take before the command counts as timed out.</summary>
    public TimeSpan AnalyzerTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
