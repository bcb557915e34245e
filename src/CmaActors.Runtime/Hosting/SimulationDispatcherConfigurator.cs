using Akka.Configuration;
using Akka.Dispatch;

namespace CmaActors.Runtime;

/// <summary>
/// Akka dispatcher configurator (the <c>type</c> of the emulator dispatcher in simulation mode) that creates the
/// <see cref="SimulationDispatcher"/> bound to the system's simulation driver.
/// </summary>
public sealed class SimulationDispatcherConfigurator : MessageDispatcherConfigurator
{
    private readonly SimulationDispatcher _dispatcher;

    /// <summary>Constructor used by Akka's dispatcher configuration.</summary>
    public SimulationDispatcherConfigurator(Config config, IDispatcherPrerequisites prerequisites)
        : base(config, prerequisites)
    {
        if (prerequisites.Scheduler is not VirtualTimeScheduler { Driver: { } driver })
        {
            throw new ConfigurationException(
                "The simulation dispatcher needs the virtual-time scheduler with an attached driver; create the actor system through SimulationHost.");
        }

        _dispatcher = new SimulationDispatcher(this, driver);
    }

    /// <inheritdoc />
    public override MessageDispatcher Dispatcher() => _dispatcher;
}
