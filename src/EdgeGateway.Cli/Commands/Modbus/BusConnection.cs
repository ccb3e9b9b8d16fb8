using EdgeGateway.Modbus.Client;

namespace EdgeGateway.Cli.Commands.Modbus;

/// <summary>The way an <c>egw modbus</c> command reaches its bus: the running service's bus queue, or the port itself.</summary>
internal sealed class BusConnection(IModbusExchange exchange, IDisposable owner, string via) : IDisposable
{
    public const string ViaService = "service";
    public const string ViaDirect = "direct";

    public IModbusExchange Exchange => exchange;

    /// <summary><see cref="ViaService"/> or <see cref="ViaDirect"/>, as <c>--json</c> reports it.</summary>
    public string Via => via;

    public void Dispose() => owner.Dispose();
}
