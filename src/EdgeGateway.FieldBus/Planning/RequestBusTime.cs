namespace EdgeGateway.FieldBus.Planning;

/// <summary>What one read request costs on an RTU bus.</summary>
/// <param name="Request">The request.</param>
/// <param name="RequestBytes">Bytes the master sends.</param>
/// <param name="ResponseBytes">Bytes the slave answers.</param>
/// <param name="BusTime">Both frames on the wire, a t3.5 silence after each, and the slave's turnaround.</param>
public sealed record RequestBusTime(ReadRequest Request, int RequestBytes, int ResponseBytes, TimeSpan BusTime)
{
    public int WireBytes => RequestBytes + ResponseBytes;
}
