using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Slave;
using EdgeGateway.Modbus.Values;
using EdgeGateway.Simulator.Signals;

namespace EdgeGateway.Simulator;

/// <summary>
/// An analyzer that serves a profile's register map: each channel carries a plausible signal
/// (<see cref="SignalCatalog"/>), the status words show the analyzer's state, and the profile's commands start
/// routines (zero and span checks, blow-back, sample retention) as the master writes them.
/// </summary>
/// <remarks>
/// Thread-safe: the server's connection threads, its update loop and a test may call in at the same time. The
/// registers live in <see cref="Memory"/>; <see cref="Update(DateTimeOffset)"/> rewrites them from the signals.
/// </remarks>
public sealed class SimulatedAnalyzer
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ProfileChannel> _channels;
    private readonly Dictionary<string, ISignal> _signals;
    private readonly HashSet<string> _analyteChannels;
    private readonly Dictionary<string, double> _overrides = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (double Gain, double Offset)> _sensorErrors = new(StringComparer.Ordinal);
    private readonly HashSet<StatusMeaning> _wholeAnalyzerStates = [];
    private readonly Dictionary<StatusMeaning, HashSet<string>> _channelStates = [];
    private readonly Dictionary<string, int> _executed = new(StringComparer.Ordinal);
    private AnalyzerRoutine _routine;
    private DateTimeOffset _routineUntil;
    private DateTimeOffset? _lastUpdate;
    private int _vaseNumber;

    public SimulatedAnalyzer(DeviceProfile profile, SimulatedAnalyzerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Profile = profile;
        Options = options ?? new SimulatedAnalyzerOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.VaseCount, nameof(options));
        ArgumentNullException.ThrowIfNull(Options.Clock, nameof(options));

        _channels = profile.Channels.ToDictionary(channel => channel.Id, StringComparer.Ordinal);
        _signals = profile.Channels.ToDictionary(channel => channel.Id, channel => SignalCatalog.For(channel, Options.Seed), StringComparer.Ordinal);

        // The channels a calibration status names are the ones that see zero or span gas during a check;
        // temperatures, pressures and flows keep measuring the process.
        _analyteChannels = new HashSet<string>(
            profile.Status.SelectMany(word => word.Bits.Where(bit => bit.Means == StatusMeaning.Calibration).SelectMany(bit => bit.Channels)
                .Concat(word.Values.Where(value => value.Means == StatusMeaning.Calibration).SelectMany(value => value.Channels))),
            StringComparer.Ordinal);

        Memory.Written += OnMasterWrote;
        Update(Options.Clock.GetUtcNow());
    }

    /// <summary>Raised after the analyzer acted on a command, with the command's name (on the thread that served the write).</summary>
    public event Action<SimulatedAnalyzer, string>? CommandExecuted;

    public DeviceProfile Profile { get; }

    public SimulatedAnalyzerOptions Options { get; }

    /// <summary>The register file a <see cref="ModbusSlaveServer"/> serves.</summary>
    public ModbusSlaveMemory Memory { get; } = new();

    /// <summary>The routine running now, if any (see <see cref="RoutineUntil"/>).</summary>
    public AnalyzerRoutine Routine
    {
        get
        {
            lock (_gate)
            {
                return _routine;
            }
        }
    }

    /// <summary>When the current routine ends, on the analyzer's clock.</summary>
    public DateTimeOffset RoutineUntil
    {
        get
        {
            lock (_gate)
            {
                return _routineUntil;
            }
        }
    }

    /// <summary>The bottle the last retained sample went into; 0 before the first retention.</summary>
    public int VaseNumber
    {
        get
        {
            lock (_gate)
            {
                return _vaseNumber;
            }
        }
    }

    /// <summary>The instant the registers were last written for (by <see cref="Update(DateTimeOffset)"/> or a change of state).</summary>
    public DateTimeOffset LastUpdate
    {
        get
        {
            lock (_gate)
            {
                return RefreshTime();
            }
        }
    }

    /// <summary>The signal behind a channel, ignoring overrides, routines and sensor errors.</summary>
    public ISignal SignalOf(string channelId) => _signals[RequireChannel(channelId).Id];

    /// <summary>
    /// Gives a channel another true signal, e.g. a process that passes an emission limit and comes back (the demo, the
    /// early-warning tests); sensor errors, routines and overrides still apply on top of it.
    /// </summary>
    public void SetSignal(string channelId, ISignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var channel = RequireChannel(channelId);
        lock (_gate)
        {
            _signals[channel.Id] = signal;
            WriteAll(RefreshTime());
        }
    }

    /// <summary>Rewrites every channel and status word for the analyzer's clock's current time.</summary>
    public void Update() => Update(Options.Clock.GetUtcNow());

    /// <summary>Rewrites every channel and status word as the analyzer would show them at <paramref name="now"/>.</summary>
    public void Update(DateTimeOffset now)
    {
        lock (_gate)
        {
            WriteAll(now);
        }
    }

    /// <summary>
    /// The engineering value <see cref="Update(DateTimeOffset)"/> would serve for a channel at <paramref name="time"/>,
    /// before it is rounded into the channel's registers (see <see cref="ChannelEncoding.RoundTrip"/>).
    /// </summary>
    public double ValueAt(string channelId, DateTimeOffset time)
    {
        var channel = RequireChannel(channelId);
        lock (_gate)
        {
            return ReportedValue(channel, time);
        }
    }

    /// <summary>
    /// Makes a channel serve exactly <paramref name="value"/> (no signal, routine or sensor error) until
    /// <see cref="ClearOverride"/>. A value outside the measuring range is allowed, to provoke over-range flags.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the channel's registers.</exception>
    public void Override(string channelId, double value)
    {
        var channel = RequireChannel(channelId);
        if (!ChannelEncoding.CanEncode(channel, value))
        {
            var (minimum, maximum) = ChannelEncoding.EngineeringLimits(channel);
            throw new ArgumentOutOfRangeException(nameof(value), value, $"channel '{channelId}' ({channel.Type}, scale {channel.Scale}) carries {minimum} to {maximum}");
        }

        lock (_gate)
        {
            _overrides[channel.Id] = value;
            WriteAll(RefreshTime());
        }
    }

    public void ClearOverride(string channelId)
    {
        var channel = RequireChannel(channelId);
        lock (_gate)
        {
            _overrides.Remove(channel.Id);
            WriteAll(RefreshTime());
        }
    }

    /// <summary>
    /// Gives a channel a sensor error: it reports gain × true value + offset (engineering units), as a drifted
    /// analyzer does until it is calibrated. Applies to the signal and to the zero and span readings.
    /// </summary>
    public void SetSensorError(string channelId, double gain, double offset)
    {
        var channel = RequireChannel(channelId);
        if (!double.IsFinite(gain) || !double.IsFinite(offset))
        {
            throw new ArgumentException("gain and offset must be finite numbers");
        }

        lock (_gate)
        {
            _sensorErrors[channel.Id] = (gain, offset);
            WriteAll(RefreshTime());
        }
    }

    public void ClearSensorError(string channelId)
    {
        var channel = RequireChannel(channelId);
        lock (_gate)
        {
            _sensorErrors.Remove(channel.Id);
            WriteAll(RefreshTime());
        }
    }

    /// <summary>Puts the whole analyzer into (or out of) a state: maintenance, calibration, fault or stopped.</summary>
    public void SetState(StatusMeaning meaning, bool active)
    {
        lock (_gate)
        {
            if (active)
            {
                _wholeAnalyzerStates.Add(meaning);
            }
            else
            {
                _wholeAnalyzerStates.Remove(meaning);
                _channelStates.Remove(meaning);
            }

            WriteAll(RefreshTime());
        }
    }

    /// <summary>
    /// Puts some channels into (or out of) a state; status bits and values covering any of them are set.
    /// Clearing a channel does not clear a state set for the whole analyzer.
    /// </summary>
    public void SetState(StatusMeaning meaning, bool active, IEnumerable<string> channelIds)
    {
        ArgumentNullException.ThrowIfNull(channelIds);
        var ids = channelIds.Select(id => RequireChannel(id).Id).ToList();
        lock (_gate)
        {
            if (!_channelStates.TryGetValue(meaning, out var channels))
            {
                channels = new HashSet<string>(StringComparer.Ordinal);
                _channelStates[meaning] = channels;
            }

            foreach (var id in ids)
            {
                if (active)
                {
                    channels.Add(id);
                }
                else
                {
                    channels.Remove(id);
                }
            }

            WriteAll(RefreshTime());
        }
    }

    /// <summary>Clears every state set with <see cref="SetState(StatusMeaning, bool)"/> and ends any routine.</summary>
    public void ClearStates()
    {
        lock (_gate)
        {
            _wholeAnalyzerStates.Clear();
            _channelStates.Clear();
            _routine = AnalyzerRoutine.None;
            WriteAll(RefreshTime());
        }
    }

    /// <summary>True when a channel is in a state now: set for it, for the whole analyzer, or by a running routine.</summary>
    public bool IsInState(StatusMeaning meaning, string channelId)
    {
        var channel = RequireChannel(channelId);
        lock (_gate)
        {
            return IsActive(meaning, [channel.Id], RefreshTime());
        }
    }

    /// <summary>Runs a profile command as if the master had written it.</summary>
    /// <exception cref="KeyNotFoundException">The profile has no such command.</exception>
    public void Execute(string commandName)
    {
        ArgumentNullException.ThrowIfNull(commandName);
        if (!Profile.Commands.TryGetValue(commandName, out var command))
        {
            throw new KeyNotFoundException($"profile '{Profile.Model}' has no command '{commandName}'");
        }

        Run(command);
    }

    /// <summary>How often a command has been acted on.</summary>
    public int TimesExecuted(string commandName)
    {
        lock (_gate)
        {
            return _executed.GetValueOrDefault(commandName);
        }
    }

    private ProfileChannel RequireChannel(string channelId)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        return _channels.TryGetValue(channelId, out var channel)
            ? channel
            : throw new KeyNotFoundException($"profile '{Profile.Model}' has no channel '{channelId}'");
    }

    /// <summary>Changes made between updates show at the last update's time, so a test that pinned the time keeps it.</summary>
    private DateTimeOffset RefreshTime() => _lastUpdate ?? Options.Clock.GetUtcNow();

    private void OnMasterWrote(ModbusTable table, ushort address, int count)
    {
        foreach (var command in Profile.Commands.Values)
        {
            if (command.Table != table || command.Address < address || command.Address >= address + count)
            {
                continue;
            }

            // Several commands may share a register and differ by value (zero = 1, span = 2).
            var written = table == ModbusTable.Coil
                ? (Memory.GetBit(table, (ushort)command.Address) ? 1 : 0)
                : Memory.GetRegister(table, (ushort)command.Address);
            var expected = table == ModbusTable.Coil ? (command.Value != 0 ? 1 : 0) : (ushort)(command.Value & 0xFFFF);
            if (written == expected)
            {
                Run(command);
            }
        }
    }

    private void Run(ProfileCommand command)
    {
        var action = CommandActions.Classify(command.Name);
        lock (_gate)
        {
            var now = Options.Clock.GetUtcNow();
            switch (action)
            {
                case CommandAction.ZeroCheck:
                    StartRoutine(AnalyzerRoutine.ZeroCheck, now + Options.CalibrationDuration);
                    break;
                case CommandAction.SpanCheck:
                    StartRoutine(AnalyzerRoutine.SpanCheck, now + Options.CalibrationDuration);
                    break;
                case CommandAction.Blowback:
                    StartRoutine(AnalyzerRoutine.Blowback, now + Options.BlowbackDuration);
                    break;
                case CommandAction.RetainSample:
                    _vaseNumber = (_vaseNumber % Options.VaseCount) + 1;
                    WriteResults(command, _vaseNumber);
                    break;
                default:
                    break;
            }

            _executed[command.Name] = _executed.GetValueOrDefault(command.Name) + 1;
            WriteAll(RefreshTime());
        }

        CommandExecuted?.Invoke(this, command.Name);
    }

    private void StartRoutine(AnalyzerRoutine routine, DateTimeOffset until)
    {
        _routine = routine;
        _routineUntil = until;
    }

    /// <summary>Writes the vase number into the command's <c>vaseNo</c> result, or its first result if none is so named.</summary>
    private void WriteResults(ProfileCommand command, int vaseNumber)
    {
        var target = command.Results.FirstOrDefault(result => string.Equals(result.Name, "vaseNo", StringComparison.OrdinalIgnoreCase))
            ?? command.Results.FirstOrDefault();
        if (target is null)
        {
            return;
        }

        Span<ushort> registers = stackalloc ushort[target.Length];
        ModbusValueCodec.Encode(vaseNumber, target.Type, target.ByteOrder, registers);
        Memory.SetRegisters(target.Table, (ushort)target.Address, registers);
    }

    private void WriteAll(DateTimeOffset now)
    {
        _lastUpdate = now;
        if (_routine != AnalyzerRoutine.None && now >= _routineUntil)
        {
            _routine = AnalyzerRoutine.None;
        }

        Span<ushort> registers = stackalloc ushort[4];
        foreach (var channel in Profile.Channels)
        {
            var value = ReportedValue(channel, now);
            var raw = registers[..channel.Length];
            ChannelEncoding.Encode(channel, value, raw);
            WriteChannel(channel, raw);
        }

        foreach (var word in Profile.Status)
        {
            WriteStatus(word, StatusWordValue(word, now));
        }
    }

    private double ReportedValue(ProfileChannel channel, DateTimeOffset time)
    {
        if (_overrides.TryGetValue(channel.Id, out var forced))
        {
            return forced;
        }

        var routine = _routine != AnalyzerRoutine.None && time < _routineUntil ? _routine : AnalyzerRoutine.None;
        double value;
        if (routine is AnalyzerRoutine.ZeroCheck or AnalyzerRoutine.SpanCheck && _analyteChannels.Contains(channel.Id))
        {
            var minimum = channel.Range?.Min ?? 0;
            var maximum = channel.Range?.Max ?? 0;
            value = routine == AnalyzerRoutine.ZeroCheck ? minimum : minimum + (Options.SpanFraction * (maximum - minimum));
        }
        else
        {
            value = _signals[channel.Id].ValueAt(time);
        }

        if (_sensorErrors.TryGetValue(channel.Id, out var error))
        {
            value = (error.Gain * value) + error.Offset;
        }

        return value;
    }

    private void WriteChannel(ProfileChannel channel, ReadOnlySpan<ushort> raw)
    {
        var address = (ushort)channel.Address;
        switch (channel.Table)
        {
            case ModbusTable.Coil:
            case ModbusTable.DiscreteInput:
                ReadOnlySpan<bool> bit = [raw[0] != 0];
                Memory.SetBits(channel.Table, address, bit);
                break;
            default:
                if (channel.Type == ModbusDataType.Bit)
                {
                    // One bit of a register that may carry other bits: change only ours.
                    var mask = (ushort)(1 << (channel.Bit ?? 0));
                    var word = Memory.GetRegister(channel.Table, address);
                    ReadOnlySpan<ushort> updated = [(ushort)(raw[0] != 0 ? word | mask : word & ~mask)];
                    Memory.SetRegisters(channel.Table, address, updated);
                }
                else
                {
                    Memory.SetRegisters(channel.Table, address, raw);
                }

                break;
        }
    }

    /// <summary>
    /// The word a status register holds now: the most severe active enumerated value (else a value that means
    /// "normal"), with every active bit set on top.
    /// </summary>
    private long StatusWordValue(ProfileStatusWord word, DateTimeOffset now)
    {
        long value = 0;
        if (word.Values.Count > 0)
        {
            value = NormalValue(word);
            foreach (var meaning in (ReadOnlySpan<StatusMeaning>)[StatusMeaning.Fault, StatusMeaning.Stopped, StatusMeaning.Calibration, StatusMeaning.Maintenance])
            {
                var match = word.Values.FirstOrDefault(candidate => candidate.Means == meaning && IsActive(meaning, candidate.Channels, now));
                if (match is not null)
                {
                    value = match.Value;
                    break;
                }
            }
        }

        foreach (var bit in word.Bits)
        {
            if (IsActive(bit.Means, bit.Channels, now))
            {
                value |= 1L << bit.Bit;
            }
        }

        return value;
    }

    /// <summary>The smallest non-negative value the profile gives no meaning: "running" (0 for HJ 212 state codes, 1 for a pump-running input).</summary>
    private static long NormalValue(ProfileStatusWord word)
    {
        long candidate = 0;
        while (word.Values.Any(value => value.Value == candidate))
        {
            candidate++;
        }

        return word.Type == ModbusDataType.Bool && candidate > 1 ? 0 : candidate;
    }

    private bool IsActive(StatusMeaning meaning, IReadOnlyList<string> channels, DateTimeOffset now)
    {
        if (_wholeAnalyzerStates.Contains(meaning))
        {
            return true;
        }

        var routine = _routine != AnalyzerRoutine.None && now < _routineUntil ? _routine : AnalyzerRoutine.None;
        var routineMeaning = routine switch
        {
            AnalyzerRoutine.ZeroCheck or AnalyzerRoutine.SpanCheck => StatusMeaning.Calibration,
            AnalyzerRoutine.Blowback => StatusMeaning.Maintenance,
            _ => (StatusMeaning?)null,
        };
        if (routineMeaning == meaning)
        {
            return true;
        }

        return _channelStates.TryGetValue(meaning, out var set) && channels.Any(set.Contains);
    }

    private void WriteStatus(ProfileStatusWord word, long value)
    {
        var address = (ushort)word.Address;
        if (word.Table is ModbusTable.Coil or ModbusTable.DiscreteInput)
        {
            ReadOnlySpan<bool> bit = [value != 0];
            Memory.SetBits(word.Table, address, bit);
            return;
        }

        // A bit pattern with the top bit set is a negative number in a signed word.
        var number = word.Type switch
        {
            ModbusDataType.I16 => (short)(ushort)value,
            ModbusDataType.I32 => (int)(uint)value,
            ModbusDataType.U16 => (ushort)value,
            ModbusDataType.U32 => (uint)value,
            _ => (double)value,
        };
        Span<ushort> registers = stackalloc ushort[word.Length];
        ModbusValueCodec.Encode(number, word.Type, word.ByteOrder, registers);
        Memory.SetRegisters(word.Table, address, registers);
    }
}
