namespace EdgeGateway.Simulator.Hj212Platform;

/// <summary>What <see cref="Hj212PlatformFaults"/> decided for one reply.</summary>
internal readonly record struct Hj212ReplyFate(bool Drop, bool WrongQn, TimeSpan Delay);
