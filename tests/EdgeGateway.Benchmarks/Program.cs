using BenchmarkDotNet.Running;
using EdgeGateway.Benchmarks.Bench;

// Two kinds of measurement live here: BenchmarkDotNet suites (`bdn ...`) for per-operation speed and allocation,
// and bench commands that print figures which need whole processes, real ports or computed bus timing.
return args.FirstOrDefault() switch
{
    "plan" => PlanBench.Run(Console.Out),
    "idle-cpu" => IdleCpuBench.Run(args[1..], Console.Out),
    "master-cpu" => MasterCpuBench.Run(args[1..], Console.Out),
    "serve-rtu" => SimulatorChild.ServeRtu(args[1..]),
    "serve-tcp" => SimulatorChild.ServeTcp(),
    "bdn" => RunBenchmarkDotNet(args[1..]),
    _ => Usage(),
};

static int RunBenchmarkDotNet(string[] rest)
{
    BenchmarkSwitcher.FromAssembly(typeof(PlanBench).Assembly).Run(rest);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project tests/EdgeGateway.Benchmarks -- <command>
          plan                       requests, wire bytes and bus time per cycle of each shipped profile
          idle-cpu [--seconds 60] [--driver posix|system]
                                     CPU of the gateway's poll loops with two serial ports polled once a second
          master-cpu [--transactions 20000]
                                     CPU time of our master per transaction, over loopback TCP and a pty
          bdn [BenchmarkDotNet args] BenchmarkDotNet suites, e.g. bdn --filter '*Master*'
        """);
    return 2;
}
