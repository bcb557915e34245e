using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>
/// Akka extension id of <see cref="EmulatorRuntime"/>.
/// </summary>
public sealed class EmulatorRuntimeProvider : ExtensionIdProvider<EmulatorRuntime>
{
    /// <inheritdoc />
    public override EmulatorRuntime CreateExtension(ExtendedActorSystem system)
    {
        if (system.Scheduler is VirtualTimeScheduler { Driver: { } driver }) return new EmulatorRuntime(driver);
        throw new InvalidOperationException(
            "This actor system has no emulator runtime: create it with SimulationHost (simulation) or ParallelHost (parallel).");
    }
}
