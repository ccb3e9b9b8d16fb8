using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.FieldBus.Polling;

/// <summary>
/// Reads one device's plan with a master and decodes the answers into channel readings and status flags.
/// Everything is resolved once at construction; a cycle allocates nothing.
/// </summary>
internal sealed class DeviceReader
{
    private readonly PolledDevice _device;
    private readonly DeviceReadLayout[] _layout;
    private readonly ChannelReading[] _readings;
    private readonly ChannelStatus[] _status;
    private readonly ushort[] _registers = new ushort[ModbusLimits.MaxReadRegisters];
    private readonly bool[] _bits = new bool[ModbusLimits.MaxReadBits];

    public DeviceReader(PolledDevice device)
    {
        _device = device;
        var channels = device.Profile.Channels;
        var channelIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < channels.Count; i++)
        {
            channelIndex[channels[i].Id] = i;
        }

        var statusIndex = new Dictionary<string, ProfileStatusWord>(StringComparer.Ordinal);
        foreach (var word in device.Profile.Status)
        {
            statusIndex[word.Id] = word;
        }

        _layout = device.Plan.Requests.Select(request => new DeviceReadLayout(
            request.Table,
            (ushort)request.Address,
            (ushort)request.Count,
            [.. request.Items.Where(item => channelIndex.ContainsKey(item.Owner) && item.OwnerKind == Planning.SpanOwnerKind.Channel)
                .Select(item => new ChannelSlot(channelIndex[item.Owner], item.Address - request.Address))],
            [.. request.Items.Where(item => item.OwnerKind == Planning.SpanOwnerKind.StatusWord)
                .Select(item => new StatusSlot(statusIndex[item.Owner], item.Address - request.Address, StatusTargets(statusIndex[item.Owner], channelIndex)))])).ToArray();
        _readings = new ChannelReading[channels.Count];
        _status = new ChannelStatus[channels.Count];
    }

    public PolledDevice Device => _device;

    /// <summary>The readings of the last cycle, one per channel in profile order.</summary>
    public ReadOnlySpan<ChannelReading> Readings => _readings;

    /// <summary>
    /// A cycle that does not touch the bus: every channel gets <paramref name="outcome"/> (no value). For a device in an
    /// outage between two probes, or a bus whose port is gone, so the platform gets a B reading at every due poll.
    /// </summary>
    public void MarkUnanswered(ChannelReadOutcome outcome)
    {
        for (var i = 0; i < _readings.Length; i++)
        {
            _readings[i] = new ChannelReading(i, outcome, double.NaN, double.NaN, ChannelStatus.Normal);
        }
    }

    /// <summary>Runs one cycle. A device that answers nothing costs one timeout: the rest of its plan is skipped.</summary>
    /// <param name="retries">Repeats of an unanswered request: the device's own, or 0 for a probe of a device in an outage.</param>
    /// <returns>Whether anything was answered, and the first failure.</returns>
    public (bool Answered, ModbusResult FirstFailure) ReadCycle(ModbusMaster master, DeviceHealth health, DateTimeOffset now, int retries)
    {
        var channels = _device.Profile.Channels;
        for (var i = 0; i < _readings.Length; i++)
        {
            _readings[i] = new ChannelReading(i, ChannelReadOutcome.NoAnswer, double.NaN, double.NaN, ChannelStatus.Normal);
            _status[i] = ChannelStatus.Normal;
        }

        var call = new ModbusCallOptions(_device.Settings.Timeout, retries);
        var answered = false;
        var firstFailure = ModbusResult.Success(_device.UnitId);
        foreach (var request in _layout)
        {
            var isBits = request.Table is ModbusTable.Coil or ModbusTable.DiscreteInput;
            var result = isBits
                ? master.ReadBits(_device.UnitId, request.Table, request.Address, request.Count, _bits, call)
                : master.ReadRegisters(_device.UnitId, request.Table, request.Address, request.Count, _registers, call);
            health.RecordTransaction(result, now);
            if (result.IsSuccess)
            {
                answered = true;
                Decode(request, isBits, channels);
                continue;
            }

            if (firstFailure.IsSuccess)
            {
                firstFailure = result;
            }

            // 0A/0B come from a gateway in front of the device, not from the device: like a timeout, it did not answer
            // (counting them as answers showed a device gone behind a serial server as ok, issue 17 item 6).
            if (result.Error == ModbusErrorKind.Exception && !result.IsAbsentBehindGateway)
            {
                answered = true;
                foreach (var slot in request.Channels)
                {
                    _readings[slot.ChannelIndex] = _readings[slot.ChannelIndex] with { Outcome = ChannelReadOutcome.Refused };
                }

                continue;
            }

            if (!answered || result.Error == ModbusErrorKind.Transport)
            {
                // Nothing answered yet, or the port is gone: the device is unreachable this cycle.
                break;
            }
        }

        if (firstFailure.Error == ModbusErrorKind.Transport)
        {
            // The channels not read say why: the port, not the analyzer.
            for (var i = 0; i < _readings.Length; i++)
            {
                if (_readings[i].Outcome == ChannelReadOutcome.NoAnswer)
                {
                    _readings[i] = _readings[i] with { Outcome = ChannelReadOutcome.PortLost };
                }
            }
        }

        for (var i = 0; i < _readings.Length; i++)
        {
            _readings[i] = _readings[i] with { Status = _status[i] };
        }

        return (answered, firstFailure);
    }

    private void Decode(DeviceReadLayout request, bool isBits, IReadOnlyList<ProfileChannel> channels)
    {
        foreach (var slot in request.Channels)
        {
            var channel = channels[slot.ChannelIndex];
            double raw;
            if (isBits)
            {
                raw = _bits[slot.Offset] ? 1 : 0;
            }
            else
            {
                raw = ModbusValueCodec.Decode(_registers.AsSpan(slot.Offset, channel.Length), channel.Type, channel.ByteOrder, channel.Bit ?? 0);
            }

            _readings[slot.ChannelIndex] = !double.IsFinite(raw)
                ? new ChannelReading(slot.ChannelIndex, ChannelReadOutcome.NotANumber, raw, double.NaN, ChannelStatus.Normal)
                : channel.RunStates is { } runStates
                    ? RunStateReading(slot.ChannelIndex, raw, runStates)
                    : new ChannelReading(slot.ChannelIndex, ChannelReadOutcome.Ok, raw, channel.ToEngineering(raw), ChannelStatus.Normal);
        }

        foreach (var slot in request.Status)
        {
            var word = slot.Word;
            long value = isBits
                ? (_bits[slot.Offset] ? 1 : 0)
                : (long)ModbusValueCodec.Decode(_registers.AsSpan(slot.Offset, word.Length), word.Type, word.ByteOrder);
            foreach (var target in slot.Targets)
            {
                var set = target.Bit is { } bit ? ((value >> bit) & 1) != 0 : value == target.Value;
                if (set)
                {
                    foreach (var index in target.Channels)
                    {
                        _status[index] |= target.Status;
                    }
                }
            }
        }
    }

    // A run-state channel's value is the HJ 212 state (0-5) its register value stands for.
    private static ChannelReading RunStateReading(int channelIndex, double raw, IReadOnlyDictionary<long, EquipmentRunState> runStates) =>
        raw == Math.Floor(raw) && raw is >= long.MinValue and < long.MaxValue && runStates.TryGetValue((long)raw, out var state)
            ? new ChannelReading(channelIndex, ChannelReadOutcome.Ok, raw, (int)state, ChannelStatus.Normal)
            : new ChannelReading(channelIndex, ChannelReadOutcome.UnknownRunState, raw, double.NaN, ChannelStatus.Normal);

    private static StatusTarget[] StatusTargets(ProfileStatusWord word, Dictionary<string, int> channelIndex)
    {
        var targets = new List<StatusTarget>();
        foreach (var bit in word.Bits)
        {
            targets.Add(new StatusTarget(bit.Bit, 0, ToStatus(bit.Means), [.. bit.Channels.Where(channelIndex.ContainsKey).Select(id => channelIndex[id])]));
        }

        foreach (var value in word.Values)
        {
            targets.Add(new StatusTarget(null, value.Value, ToStatus(value.Means), [.. value.Channels.Where(channelIndex.ContainsKey).Select(id => channelIndex[id])]));
        }

        return [.. targets];
    }

    private static ChannelStatus ToStatus(StatusMeaning meaning) => meaning switch
    {
        StatusMeaning.Maintenance => ChannelStatus.Maintenance,
        StatusMeaning.Calibration => ChannelStatus.Calibration,
        StatusMeaning.Fault => ChannelStatus.Fault,
        _ => ChannelStatus.Stopped,
    };
}
