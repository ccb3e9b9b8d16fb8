using EdgeGateway.Pipeline;

namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>An outlet's rules checked against the channel table and resolved into what the window arithmetic needs.</summary>
internal sealed class OutletLayout
{
    private OutletLayout(OutletRules rules, OutletChannel[] channels, int oxygenLocal, int flowLocal, double flowFactor, WindowCalendar calendar)
    {
        Rules = rules;
        Channels = channels;
        OxygenLocal = oxygenLocal;
        FlowLocal = flowLocal;
        CubicMetresPerSecondPerFlowUnit = flowFactor;
        Calendar = calendar;
        PollIntervalTicks = rules.PollInterval.Ticks;
        MaxShareTicks = (rules.MaxSampleShare ?? 2 * rules.PollInterval).Ticks;
        PairingToleranceTicks = rules.PairingTolerance.Ticks;
        ExpectedSamplesPerMinuteRecord = Math.Max(1, (int)Math.Round((double)calendar.MinuteTicks / PollIntervalTicks));
        RequiredValidSamples = rules.Validity.MinSampleFraction is { } fraction
            ? Math.Max(1, (int)Math.Ceiling((fraction * ExpectedSamplesPerMinuteRecord) - 1e-9))
            : rules.Validity.MinSamplesPerMinuteRecord;
        MinuteRecordsPerHour = 60 / rules.MinuteIntervalMinutes;
        RequiredValidMinuteRecords = (rules.Validity.MinValidMinutesPerHour + rules.MinuteIntervalMinutes - 1) / rules.MinuteIntervalMinutes;
        RequiredValidHours = rules.Validity.MinValidHoursPerDay;
        ZsNumerator = oxygenLocal >= 0 && rules.ReferenceOxygenPercent is { } reference ? 21 - reference : double.NaN;
    }

    public OutletRules Rules { get; }

    public string Name => Rules.Name;

    public OutletKind Kind => Rules.Kind;

    public OutletChannel[] Channels { get; }

    /// <summary>Position of the O₂ channel in <see cref="Channels"/>, −1 when none.</summary>
    public int OxygenLocal { get; }

    /// <summary>Position of the flow channel in <see cref="Channels"/>, −1 when none.</summary>
    public int FlowLocal { get; }

    public double CubicMetresPerSecondPerFlowUnit { get; }

    public WindowCalendar Calendar { get; }

    public long PollIntervalTicks { get; }

    public long MaxShareTicks { get; }

    public long PairingToleranceTicks { get; }

    public int ExpectedSamplesPerMinuteRecord { get; }

    public int RequiredValidSamples { get; }

    public int MinuteRecordsPerHour { get; }

    /// <summary>⌈MinValidMinutesPerHour / interval⌉: whole minute records must cover the 45 minutes.</summary>
    public int RequiredValidMinuteRecords { get; }

    public int RequiredValidHours { get; }

    /// <summary>21 − reference O₂, NaN when the outlet has no converted values.</summary>
    public double ZsNumerator { get; }

    public bool HasZs => !double.IsNaN(ZsNumerator);

    public bool HasFlow => FlowLocal >= 0;

    public static OutletLayout Create(OutletRules rules, ChannelTable table, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var name = string.IsNullOrWhiteSpace(rules.Name) ? throw Invalid("(unnamed)", "has no name") : rules.Name;
        if (!OutletRules.AllowedMinuteIntervals.Contains(rules.MinuteIntervalMinutes))
        {
            throw Invalid(name, $"minute interval {rules.MinuteIntervalMinutes} is not one of {string.Join(", ", OutletRules.AllowedMinuteIntervals)} (HJ 212 CN 1064)");
        }

        if (rules.PollInterval <= TimeSpan.Zero || rules.PollInterval > TimeSpan.FromMinutes(rules.MinuteIntervalMinutes))
        {
            throw Invalid(name, $"poll interval {rules.PollInterval} must be positive and no longer than the minute interval");
        }

        if (rules.MaxSampleShare is { } maxShare && maxShare < rules.PollInterval)
        {
            throw Invalid(name, $"max sample share {maxShare} is shorter than the poll interval {rules.PollInterval}");
        }

        if (rules.PairingTolerance < TimeSpan.Zero)
        {
            throw Invalid(name, "pairing tolerance is negative");
        }

        CheckValidity(name, rules.Validity);
        if (rules.Channels is null || rules.Channels.Count == 0)
        {
            throw Invalid(name, "has no channels");
        }

        if (rules.Kind == OutletKind.Wastewater && (rules.OxygenChannel is not null || rules.ReferenceOxygenPercent is not null))
        {
            throw Invalid(name, "is a wastewater outlet: converted (Zs) values need a flue-gas outlet");
        }

        if (rules.OxygenChannel is null != rules.ReferenceOxygenPercent is null)
        {
            throw Invalid(name, "converted (Zs) values need both the O2 channel and the reference O2");
        }

        if (rules.ReferenceOxygenPercent is { } reference && !(reference is >= 0 and < 21))
        {
            throw Invalid(name, $"reference O2 {reference} % is outside 0 to 21 %");
        }

        var oxygenLocal = LocalIndex(rules, rules.OxygenChannel, "O2");
        var flowLocal = LocalIndex(rules, rules.FlowChannel, "flow");
        if (oxygenLocal >= 0 && oxygenLocal == flowLocal)
        {
            throw Invalid(name, "the O2 channel and the flow channel are the same");
        }

        var channels = new OutletChannel[rules.Channels.Count];
        for (var local = 0; local < channels.Length; local++)
        {
            var index = rules.Channels[local];
            if (index < 0 || index >= table.Count)
            {
                throw Invalid(name, $"channel {index} is not in the channel table ({table.Count} channels)");
            }

            if (rules.Channels.Take(local).Contains(index))
            {
                throw Invalid(name, $"lists channel {table[index].Key} twice");
            }

            // A facility's run state (0-5) is no pollutant: an average of it means nothing, and HJ 212 sends it as 2021 only.
            if (table[index].IsRunState)
            {
                throw Invalid(name, $"lists run-state channel {table[index].Key}; run states have no minute, hour or day records");
            }

            channels[local] = Resolve(table[index], local, oxygenLocal, flowLocal);
        }

        // A rate whose totaliser is in the outlet takes its Cou from the counter (the totaliser is of the same device,
        // and a device belongs to one outlet whole, so it is here whenever its rate is).
        for (var local = 0; local < channels.Length; local++)
        {
            if (channels[local].Role != ChannelRole.Total)
            {
                continue;
            }

            var rateLocal = Array.FindIndex(channels, candidate => candidate.Index == table[channels[local].Index].RateChannel);
            if (rateLocal >= 0 && !channels[rateLocal].HasTotal)
            {
                channels[rateLocal] = channels[rateLocal] with { TotalLocal = local };
            }
        }

        var flowFactor = 0.0;
        if (flowLocal >= 0)
        {
            var flow = table[channels[flowLocal].Index];
            if (!FactorClassifier.TryGetFlowFactor(flow.Unit, rules.Kind, out flowFactor))
            {
                throw Invalid(name, $"flow channel {flow.Key} has unit '{flow.Unit}', not a flow (m³/s, m³/h or L/s)");
            }
        }

        return new OutletLayout(rules, channels, oxygenLocal, flowLocal, flowFactor, new WindowCalendar(zone, rules.MinuteIntervalMinutes));
    }

    private static OutletChannel Resolve(ChannelDefinition definition, int local, int oxygenLocal, int flowLocal)
    {
        if (definition.IsTotal)
        {
            return new OutletChannel(definition.Index, ChannelRole.Total, 0);
        }

        if (local == oxygenLocal)
        {
            return new OutletChannel(definition.Index, ChannelRole.Oxygen, 0);
        }

        if (local == flowLocal)
        {
            return new OutletChannel(definition.Index, ChannelRole.Flow, 0);
        }

        return !FactorClassifier.IsConditionCode(definition.Code) && FactorClassifier.TryGetConcentrationFactor(definition.Unit, out var factor)
            ? new OutletChannel(definition.Index, ChannelRole.Pollutant, factor)
            : new OutletChannel(definition.Index, ChannelRole.Condition, 0);
    }

    private static int LocalIndex(OutletRules rules, int? channel, string what)
    {
        if (channel is not { } index)
        {
            return -1;
        }

        for (var local = 0; local < rules.Channels.Count; local++)
        {
            if (rules.Channels[local] == index)
            {
                return local;
            }
        }

        throw Invalid(rules.Name, $"the {what} channel {index} is not one of the outlet's channels");
    }

    private static void CheckValidity(string name, ValidityThresholds validity)
    {
        if (validity is null)
        {
            throw Invalid(name, "has no validity thresholds");
        }

        if (validity.MinSamplesPerMinuteRecord < 1)
        {
            throw Invalid(name, "MinSamplesPerMinuteRecord must be at least 1");
        }

        if (validity.MinSampleFraction is { } fraction && !(fraction is > 0 and <= 1))
        {
            throw Invalid(name, $"MinSampleFraction {fraction} must be in (0, 1]");
        }

        if (validity.MinValidMinutesPerHour is < 1 or > 60)
        {
            throw Invalid(name, "MinValidMinutesPerHour must be 1 to 60");
        }

        if (validity.MinValidHoursPerDay is < 1 or > 24)
        {
            throw Invalid(name, "MinValidHoursPerDay must be 1 to 24");
        }
    }

    private static ArgumentException Invalid(string outlet, string problem) => new($"outlet {outlet}: {problem}");
}
