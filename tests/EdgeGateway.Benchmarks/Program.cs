using BenchmarkDotNet.Running;
using EdgeGateway.Benchmarks.Bench;
using EdgeGateway.Benchmarks.FieldLoad;
using EdgeGateway.Benchmarks.Uplink;

// Two kinds of measurement live here: BenchmarkDotNet suites (`bdn ...`) for per-operation speed and allocation,
// and bench commands that print figures which need whole processes, real ports or computed bus timing.
const string Usage = """
    usage: dotnet run -c Release --project tests/EdgeGateway.Benchmarks -- <command>
      plan                       requests, wire bytes and bus time per cycle of each shipped profile
      idle-cpu [--seconds 60] [--driver posix|system]
                                 CPU of the gateway's poll loops with two serial ports polled once a second
      master-cpu [--transactions 20000]
                                 CPU time of our master per transaction, over loopback TCP (Modbus TCP, RTU over
                                 TCP) and a pty
      uplink-throughput [--readings 2000000] [--sync normal|full|both] [--batch 100] [--in-flight 8]
                                 readings/s and CPU per reading from the ring to mosquitto through the durable outbox
      backlog-drain [--hours 24] [--channels 100] [--aggregates no] [--sync normal|full] [--backlog-rate N]
                    [--batch 100] [--in-flight 8] [--aggregate-messages batch|single]
                                 time to drain a pre-filled outbox backlog while live readings keep flowing, and
                                 how late the live readings arrive meanwhile; at the publisher's default options
                                 (backlog paced by PUBACKs, no rate cap) unless the flags say otherwise
      uplink-rtt [--rtt-ms 100] [--seconds 15] [--windows 1,2,8,32]
                                 backlog throughput over a delaying relay for several publish windows
      platform-resend [--hours 24] [--channels 30] [--delay-ms 0,50] [--edition 2025|2017] [--encrypt yes|no]
                                 time to re-send a day of minute and hour records to an HJ 212 platform that
                                 wants replies, through a relay delaying each direction by --delay-ms
      field-load [--devices 3,30,100] [--service LABEL=PATH]... [--transport mixed|tcp|rtu+tcp] [--devices-per-bus 10]
                 [--warm-up 30] [--seconds 60] [--runs 1] [--json]
                                 the published service under N simulated analyzers polled once a second, with
                                 mosquitto: CPU % of a core, CPU µs per reading, RSS (anon/file), threads, per-thread
                                 CPU, mosquitto's and the simulators' CPU, failed polls, load average. --service is
                                 repeatable (before=/tmp/before/edge-gateway after=...): rows are interleaved per
                                 device count. Without it: $EGW_FIELD_LOAD_SERVICE, else this checkout published AOT
                                 into a temp directory. Simulators: $EGW_FIELD_LOAD_EGW (egw.dll or AOT egw), else
                                 this checkout's Release egw.dll. The service gets the Environment= lines of
                                 systemd/edge-gateway.service. Exit: 0 ok, 1 a row invalid, 2 usage, 3 no mosquitto
      bdn [BenchmarkDotNet args] BenchmarkDotNet suites, e.g. bdn --filter '*Master*'
    """;

// --help anywhere prints the usage instead of starting a bench (`backlog-drain --help` used to start the 24-hour
// drain); BenchmarkDotNet's own --help is left to it.
if (args.FirstOrDefault() != "bdn" && args.Any(arg => arg is "--help" or "-h" or "help"))
{
    Console.Out.WriteLine(Usage);
    return 0;
}

return args.FirstOrDefault() switch
{
    "plan" => PlanBench.Run(Console.Out),
    "idle-cpu" => IdleCpuBench.Run(args[1..], Console.Out),
    "master-cpu" => MasterCpuBench.Run(args[1..], Console.Out),
    "serve-rtu" => SimulatorChild.ServeRtu(args[1..]),
    "serve-tcp" => SimulatorChild.ServeTcp(args[1..]),
    "uplink-throughput" => UplinkThroughputBench.Run(args[1..], Console.Out),
    "backlog-drain" => BacklogDrainBench.Run(args[1..], Console.Out),
    "uplink-rtt" => UplinkRoundTripBench.Run(args[1..], Console.Out),
    "platform-resend" => PlatformResendBench.Run(args[1..], Console.Out),
    "field-load" => FieldLoadBench.Run(args[1..], Console.Out),
    "count-sequences" => SequenceCounterChild.Run(args[1..]),
    "bdn" => RunBenchmarkDotNet(args[1..]),
    _ => UsageError(),
};

static int RunBenchmarkDotNet(string[] rest)
{
    BenchmarkSwitcher.FromAssembly(typeof(PlanBench).Assembly).Run(rest);
    return 0;
}

static int UsageError()
{
    Console.Error.WriteLine(Usage);
    return 2;
}
