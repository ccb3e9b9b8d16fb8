using System.Device.I2c;
using EdgeGateway.Configuration;
using EdgeGateway.Control;
using EdgeGateway.Control.Analyzer;
using EdgeGateway.Control.Calibration;
using EdgeGateway.FieldBus.Commands;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.Hardware;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Pipeline.Aggregation.State;
using EdgeGateway.Pipeline.Alarms;
using EdgeGateway.Pipeline.Ring;
using EdgeGateway.Platforms;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using EdgeGateway.Uplink;
using EdgeGateway.Uplink.Commands;
using EdgeGateway.Uplink.Contract;
using EdgeGateway.Uplink.Hj212;
using EdgeGateway.Uplink.Mqtt;
using EdgeGateway.Uplink.Platforms;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hosting;

/// <summary>
/// The gateway's parts, built once from <see cref="GatewaySettings"/> and shared by the hosted services: field bus
/// pollers → sink → ring → consumer (latest values, aggregation, outbox appender) → SQLite outbox → publisher → MQTT link.
/// Everything starts even when the field, the broker or the disk is unreachable: an outbox that cannot be opened (a
/// full disk) is opened later (<see cref="DeferredSqliteOutbox"/>) while the readings are held in memory.
/// </summary>
internal sealed partial class GatewayRuntime : IAsyncDisposable
{
    /// <summary>Ring capacity: at 100 channels per second about 40 s of readings, far more than the consumer ever lags.</summary>
    public const int RingCapacity = 4096;

    /// <summary>
    /// How long the consumer lets a round of readings gather (<see cref="ReadingConsumer.GatherDelay"/>): the buses start
    /// their devices' cycles together, so one store transaction a second instead of one per device. Live data wait at
    /// most this much longer; a stop at most this much longer for the last round.
    /// </summary>
    public static readonly TimeSpan ConsumerGatherDelay = TimeSpan.FromMilliseconds(100);

    private int _uplinkStopped;

    /// <param name="settings">The resolved gateway.json.</param>
    /// <param name="loggers">The host's loggers.</param>
    /// <param name="startedAt">When the process started (the status topic's uptime).</param>
    /// <param name="fieldClock">
    /// The field side's clock: polling schedule, reading timestamps, aggregation ticks and alarms. The system clock;
    /// a test gives a virtual one to play hours of readings in seconds. The uplink always runs on the system clock.
    /// </param>
    public GatewayRuntime(GatewaySettings settings, ILoggerFactory loggers, DateTimeOffset startedAt, TimeProvider? fieldClock = null)
    {
        Settings = settings;
        StartedAt = startedAt;
        FieldClock = fieldClock ?? TimeProvider.System;
        try
        {
            Directory.CreateDirectory(settings.StateDirectory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // No directory at all is a configuration error, named with its config key; a full disk is not (below).
            throw new InvalidOperationException($"the state directory {settings.StateDirectory} cannot be used (storage.directory in {settings.ConfigFile}): {exception.Message}", exception);
        }

        // A full disk must not stop the start: the outbox that cannot open now is tried again, the readings held meanwhile.
        Outbox = new DeferredSqliteOutbox(settings.Outbox, loggers.CreateLogger("EdgeGateway.Storage"));

        try
        {
            StateFiles = new StateFiles();
            Appender = new OutboxAppender(Outbox, new OutboxAppenderOptions { Time = FieldClock }, loggers.CreateLogger("EdgeGateway.Storage.Appender"));
            Ring = new MpscRing<Reading>(RingCapacity);
            Ring.Overflowed += total => Appender.EnqueueEvent(new GatewayEvent(DateTimeOffset.UtcNow, GatewayEventKind.BufferOverflow, "ring", $"ring full: {total} readings refused so far"));
            ChannelState = new GatewayChannelStateHolder(settings.InitialChannelState);
            Maintenance = new MaintenanceWindows(settings.Channels, ChannelState, StateFiles.Writer(Path.Combine(settings.StateDirectory, "maintenance.json")), FieldClock);
            Audit = new AuditTrail(StateFiles.Writer(Path.Combine(settings.StateDirectory, "audit.log")));
            Latest = new LatestReadings(settings.Channels.Count);
            CalibrationBook = new CalibrationBook(settings.Channels, ChannelState, StateFiles.Writer(Path.Combine(settings.StateDirectory, "calibration.json")));
            var pollIntervals = settings.Buses.SelectMany(bus => bus.Devices).ToDictionary(device => device.Name, device => device.Settings.PollInterval, StringComparer.Ordinal);
            Calibrator = new Calibrator(settings.Channels, CalibrationBook, Latest, Audit, Appender.EnqueueEvent, settings.Calibration, pollIntervalOf: device => pollIntervals.TryGetValue(device, out var interval) ? interval : null);
            if (CalibrationBook.RestoreProblem is { } problem)
            {
                // Uncorrected values are going out: the log and the platform must both know.
                LogCalibrationLost(loggers.CreateLogger("EdgeGateway.Calibration"), problem);
                Appender.EnqueueEvent(new GatewayEvent(DateTimeOffset.UtcNow, GatewayEventKind.Calibration, "calibration.json", problem));
            }

            Heartbeat = new PipelineHeartbeat();
            if (settings.Hardware.Rtc is { } rtc)
            {
                Rtc = new RtcClockKeeper(
                    rtc,
                    () => I2cDevice.Create(new I2cConnectionSettings(rtc.I2cBus, rtc.Address)),
                    new LinuxClockStatusProbe(),
                    new LinuxSystemClockSetter(),
                    Appender.EnqueueEvent,
                    loggers.CreateLogger("EdgeGateway.Hardware.Rtc"));
            }

            Clock = Rtc ?? (IClockStatusProbe)new LinuxClockStatusProbe();

            // Readings are judged for an untrusted time only with an RTC configured: a PC or CI machine without NTP
            // would otherwise mark every reading (docs/data-quality.md).
            Sink = new ReadingPipelineSink(settings.Channels, ChannelState, Ring, new MonotonicGuardedClock(FieldClock), Rtc is { } keeper ? () => keeper.IsTimeTrusted : null);
            Link = new MqttLink(settings.Link with { StartedAt = startedAt }, loggers.CreateLogger("EdgeGateway.Uplink.Mqtt"));
            CommandResponder = new MqttCommandResponder(Link, loggers.CreateLogger("EdgeGateway.Uplink.Mqtt"));
            Encoder = CreateEncoder(settings, () => Outbox.StoreId);
            Publisher = new OutboxPublisher(Outbox, Appender.Durability, Encoder, new MqttMessagePublisher(Link), settings.Publisher);
            BusMasters = new BusMasterFactory(settings.Hardware.GpioChip);
            var buses = settings.Buses.Select(bus => new BusPoller(bus.Name, BusMasters.Create(bus), bus.Devices, Sink, loggers.CreateLogger("EdgeGateway.FieldBus"), FieldClock, announce: Appender.EnqueueEvent, reopenMaxDelay: bus.ReopenMaxDelay)).ToArray();
            var sampleRetainer = new BusSampleRetainer(buses);
            var alarms = new AlarmStage(settings.Limits, new AlarmStateFile(StateFiles.Writer(Path.Combine(settings.StateDirectory, "alarms.json"))), Appender.EnqueueEvent, sampleRetainer, FieldClock);

            // The aggregation hands closed records to the outbox and the alarms, both built above: restoring the open
            // windows may close some right here (a minute that ended while the gateway was down).
            var aggregation = new AggregationStage(
                new Aggregator(settings.Aggregation, settings.Channels),
                new ClosedRecordReceivers(Store: Appender, Alarms: alarms).InOrder(),
                new AggregationStateFile(StateFiles.Writer(settings.AggregationStateFile)),
                FieldClock.GetUtcNow(),
                storedUntil: Outbox.LatestAggregateStart);
            Consumer = new ReadingConsumer(Ring, new ConsumerStages(Latest, aggregation, StateFiles, Heartbeat).InOrder(), time: FieldClock, store: Appender)
            {
                GatherDelay = ConsumerGatherDelay,
            };
            Buses = buses;
            SampleRetainer = sampleRetainer;
            Alarms = alarms;
            Aggregation = aggregation;
            Commands = settings.CommandsEnabled ? CreateCommands(loggers, buses, sampleRetainer, alarms) : null;
            Analyzer = new AnalyzerCommandHandler(settings.Channels, buses, Maintenance, CalibrationBook, Audit, Appender.EnqueueEvent, FieldClock, alarms.SampleTaken);

            // The HJ 212 platforms' cabinet commands (every platform link shares them): the clock setter, the analyzer
            // routines and the samplers of the MQTT commands and egw analyzer, audited under the platform's name.
            PlatformDeviceCommands = new CabinetDeviceCommands(
                new CabinetDeviceCommandParts
                {
                    Channels = settings.Channels,
                    Buses = buses,
                    Analyzer = Analyzer,
                    SampleRetainer = sampleRetainer,
                    Samplers = sampleRetainer.Samplers,
                    SampleTaken = alarms.SampleTaken,
                    ClockStatus = Clock,
                    ClockSetter = Rtc ?? (ISystemClockSetter)new LinuxSystemClockSetter(),
                    Latest = Latest,
                    Audit = Audit,
                },
                loggers.CreateLogger("EdgeGateway.Platforms"));

            // Every configured platform gets its link, a disabled one too (it never dials; its cursor is kept). The
            // uplink runs on the system clock, as the MQTT link does.
            var platformLogger = loggers.CreateLogger("EdgeGateway.Uplink.Platforms");
            var identities = new JsonPlatformIdentityStore(settings.StateDirectory);
            var connector = new TcpPlatformConnector();
            var hardware = new HardwareIdentityReader().ReadFor(settings.Platforms, platformLogger);
            Platforms = new PlatformLinkSet([.. settings.Platforms.Select(platform => new PlatformLink(platform, new PlatformLinkDependencies(
                Outbox, Appender.Durability, settings.Channels, PlatformDeviceCommands, connector, identities, TimeProvider.System, platformLogger, startedAt, Appender.EnqueueEvent)
            {
                HardwareIdentity = hardware,
            }))]);
        }
        catch
        {
            BusMasters?.Dispose();
            Outbox.Dispose();
            throw;
        }
    }

    public GatewaySettings Settings { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>The field side's clock (see the constructor); the system clock but in tests.</summary>
    public TimeProvider FieldClock { get; }

    public DeferredSqliteOutbox Outbox { get; }

    public OutboxAppender Appender { get; }

    /// <summary>The state directory's small files (aggregation state, alarms, calibration, maintenance, audit): their write failures, retried.</summary>
    public StateFiles StateFiles { get; }

    public MpscRing<Reading> Ring { get; }

    public GatewayChannelStateHolder ChannelState { get; }

    /// <summary>Technicians' maintenance windows on channels (flag M).</summary>
    public MaintenanceWindows Maintenance { get; }

    /// <summary>Who did what: every technician's action through the control socket.</summary>
    public AuditTrail Audit { get; }

    public LatestReadings Latest { get; }

    /// <summary>Every channel's coefficients and open procedure, in calibration.json.</summary>
    public CalibrationBook CalibrationBook { get; }

    /// <summary>The zero/span procedure of <c>egw calibrate</c>.</summary>
    public Calibrator Calibrator { get; }

    public AggregationStage Aggregation { get; }

    /// <summary>Emission limits judged on the closed records: pre-warnings and exceedances (alarms.json).</summary>
    public AlarmStage Alarms { get; }

    public PipelineHeartbeat Heartbeat { get; }

    public ReadingConsumer Consumer { get; }

    public ReadingPipelineSink Sink { get; }

    /// <summary>The DS3231 and the trust in the gateway's time; null when <c>hardware.rtc</c> is off.</summary>
    public RtcClockKeeper? Rtc { get; }

    /// <summary>What the gateway knows about its clock (with the RTC's state when there is one), for the health and get-time.</summary>
    public IClockStatusProbe Clock { get; }

    public MqttLink Link { get; }

    /// <summary>Subscribes the command topics through <see cref="Link"/>, routes the commands and replies.</summary>
    public MqttCommandResponder CommandResponder { get; }

    public IUplinkEncoder Encoder { get; }

    public OutboxPublisher Publisher { get; }

    /// <summary>The platform's commands on <c>{root}/cmd/#</c>; null when <c>uplink.commands.enabled</c> is false.</summary>
    public PlatformCommandHandler? Commands { get; }

    /// <summary><c>egw analyzer</c>'s routines (zero, span, blow-back …), also started by the HJ 212 platforms.</summary>
    public AnalyzerCommandHandler Analyzer { get; }

    /// <summary>
    /// What the HJ 212 platform links call for 1012, 3011-3013/3024, 3015/3022 and 3019-3021; one for all links
    /// (each call names its platform). Given to every <c>PlatformLink</c>'s dependencies.
    /// </summary>
    public IPlatformDeviceCommands PlatformDeviceCommands { get; }

    /// <summary>The HJ 212 platform links, one per entry of <see cref="GatewaySettings.Platforms"/>; also their state for <c>egw platforms</c>.</summary>
    public PlatformLinkSet Platforms { get; }

    /// <summary>The links' state for <c>egw platforms</c>.</summary>
    public IPlatformStatusSource PlatformLinks => Platforms;

    /// <summary>Makes a sampler keep a sample (its profile's retainSample), for an exceedance or the platform's retain-sample.</summary>
    public BusSampleRetainer SampleRetainer { get; }

    public IReadOnlyList<BusPoller> Buses { get; }

    /// <summary>Builds the buses' masters and owns the GPIO of their RS-485 direction pins, if any.</summary>
    public BusMasterFactory BusMasters { get; }

    /// <summary>Stops the publisher, then the link (which says "offline"); once, whoever asks first.</summary>
    public async ValueTask StopUplinkAsync()
    {
        if (Interlocked.Exchange(ref _uplinkStopped, 1) != 0)
        {
            return;
        }

        if (Commands is not null)
        {
            // Cancels a history re-send in progress; the platform can ask again.
            await Commands.DisposeAsync().ConfigureAwait(false);
        }

        await Publisher.DisposeAsync().ConfigureAwait(false);
        await Link.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopUplinkAsync().ConfigureAwait(false);
        await Platforms.DisposeAsync().ConfigureAwait(false);
        await Calibrator.DisposeAsync().ConfigureAwait(false);
        Alarms.Dispose();
        BusMasters.Dispose();
        Rtc?.Dispose();
        Ring.Dispose();
        Outbox.Dispose();
    }

    private PlatformCommandHandler CreateCommands(ILoggerFactory loggers, IReadOnlyList<BusPoller> buses, BusSampleRetainer sampleRetainer, AlarmStage alarms)
    {
        var settings = Settings;

        // The platform may poll faster than configured, not slower: the aggregates expect a sample per configured
        // interval, and fewer would make minute records invalid.
        var slowest = settings.Buses.SelectMany(bus => bus.Devices).Select(device => device.Settings.PollInterval).DefaultIfEmpty(TimeSpan.FromSeconds(1)).Max();
        var options = new PlatformCommandOptions
        {
            AllowSetTime = settings.AllowSetTime,
            SiteUtcOffset = settings.SiteUtcOffset,
            MaxRealTimeIntervalSeconds = Math.Max(1, (int)Math.Ceiling(slowest.TotalSeconds)),
        };
        return new PlatformCommandHandler(
            options,
            new PlatformCommandDependencies
            {
                GatewayId = settings.GatewayId,
                SoftwareVersion = settings.Link.SoftwareVersion,
                StartedAt = StartedAt,
                ClockStatus = Clock,

                // With an RTC the keeper steps the clock and then writes the RTC, so a platform-set time survives a power cut.
                ClockSetter = settings.AllowSetTime ? Rtc ?? (ISystemClockSetter)new LinuxSystemClockSetter() : null,
                RealTimeInterval = new BusPollerIntervalControl(buses, TimeSpan.FromSeconds(options.MinRealTimeIntervalSeconds), TimeSpan.FromSeconds(options.MaxRealTimeIntervalSeconds)),
                Outbox = Outbox,
                HistoryEncoder = Encoder,
                HistoryPublisher = new MqttMessagePublisher(Link),
                SampleRetainer = sampleRetainer,
                Samplers = sampleRetainer.Samplers,
                SampleTaken = alarms.SampleTaken,
            },
            loggers.CreateLogger("EdgeGateway.Uplink.Commands"));
    }

    private static IUplinkEncoder CreateEncoder(GatewaySettings settings, Func<Guid> storeId)
    {
        var json = new UplinkMessageEncoder(settings.GatewayId, storeId, settings.Channels, new UplinkEncoderOptions { AggregateMessages = settings.AggregateMessages });
        return settings.Payload switch
        {
            UplinkPayloadMode.Json => json,
            UplinkPayloadMode.Hj212 => new Hj212UplinkEncoder(settings.Channels, settings.Hj212!),
            _ => new CompositeUplinkEncoder(json, new Hj212UplinkEncoder(settings.Channels, settings.Hj212!)),
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Calibration lost: {Problem}")]
    private static partial void LogCalibrationLost(ILogger logger, string problem);
}
