using EdgeGateway.Modbus.Client;

namespace EdgeGateway.FieldBus.Polling;

/// <summary>A piece of work waiting in a bus's queue (<see cref="BusPoller.SubmitAsync{T}"/>), whatever it returns.</summary>
internal interface IBusWork
{
    /// <summary>True once cancelled by its submitter before it started: the bus skips it.</summary>
    bool IsAbandoned { get; }

    /// <summary>On the bus thread: runs the work unless it was cancelled first, and completes its task either way.</summary>
    void Run(IModbusExchange exchange);

    /// <summary>The work will not run (the bus stopped, or refused it): its task is cancelled unless it already ran.</summary>
    void Abandon();
}
