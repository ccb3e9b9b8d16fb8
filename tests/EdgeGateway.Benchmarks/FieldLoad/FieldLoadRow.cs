namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>The figures of one service at one device count over one window; <see cref="Problem"/> says why a row is invalid.</summary>
internal sealed record FieldLoadRow(
    string Label,
    int Run,
    int Devices,
    int Buses,
    int Channels,
    double WindowSeconds,
    long Readings,
    long ReadingsAtBroker,
    double ServiceCpuPercent,
    double CpuMicrosecondsPerReading,
    ProcessMemory Memory,
    IReadOnlyList<ThreadGroupCpu> ThreadCpu,
    double MosquittoCpuPercent,
    double SimulatorsCpuPercent,
    long FailedPolls,
    long PollErrors,
    string LoadAtStart,
    string LoadAtEnd,
    string? Problem)
{
    public double ReadingsPerSecond => WindowSeconds > 0 ? Readings / WindowSeconds : 0;

    public bool Valid => Problem is null;

    public static FieldLoadRow Failed(string label, int run, int devices, int buses, string loadAtStart, string problem) =>
        new(label, run, devices, buses, 0, 0, 0, 0, 0, 0, new ProcessMemory(0, 0, 0, 0), [], 0, 0, 0, 0, loadAtStart, LoadAverage.Now(), problem);
}
