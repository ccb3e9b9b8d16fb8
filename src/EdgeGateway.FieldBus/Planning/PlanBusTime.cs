namespace EdgeGateway.FieldBus.Planning;

/// <summary>What one poll cycle of a plan costs on an RTU bus, assuming every slave answers.</summary>
/// <param name="Requests">Transactions per cycle.</param>
/// <param name="RequestBytes">Bytes the master sends per cycle.</param>
/// <param name="ResponseBytes">Bytes the slaves answer per cycle.</param>
/// <param name="BusTime">Bus time per cycle: the sum over <paramref name="PerRequest"/>.</param>
/// <param name="PerRequest">Each request's share, in plan order.</param>
public sealed record PlanBusTime(int Requests, int RequestBytes, int ResponseBytes, TimeSpan BusTime, IReadOnlyList<RequestBusTime> PerRequest)
{
    public int WireBytes => RequestBytes + ResponseBytes;

    public override string ToString() =>
        $"{Requests} requests, {WireBytes} bytes, {BusTime.TotalMilliseconds:0.###} ms per cycle";
}
