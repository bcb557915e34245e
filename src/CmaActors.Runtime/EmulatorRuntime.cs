using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>
/// Akka extension through which emulator actors reach the runtime (clock, actor ids and names) without knowing the mode.
/// </summary>
public sealed class EmulatorRuntime : IExtension
{
    private readonly IActorDirectory _directory;

    internal EmulatorRuntime(SimulationDriver driver)
        : this(driver.Clock, driver, driver, null)
    {
    }

    internal EmulatorRuntime(IClock clock, IActorDirectory directory, ICores cores, ParallelDirectory? parallel)
    {
        _directory = directory;
        Clock = clock;
        Cores = cores;
        Parallel = parallel;
    }

    /// <summary>The runtime of <paramref name="system"/>.</summary>
    public static EmulatorRuntime Get(ActorSystem system) => system.WithExtension<EmulatorRuntime, EmulatorRuntimeProvider>();

    /// <summary>The clock emulator actors read and spend from.</summary>
    public IClock Clock { get; }

    /// <summary>The cores emulator actors are placed on: one handler at a time per core.</summary>
    public ICores Cores { get; }

    /// <summary>The id of an emulator actor; <see cref="ActorId.External"/> for any other actor.</summary>
    public ActorId IdOf(IActorRef actor) => _directory.IdOf(actor);

    /// <summary>The actor's path relative to the run's root, e.g. "machine/cpu2".</summary>
    public string NameOf(ActorId id) => _directory.NameOf(id);

    /// <summary>The directory of a parallel run (null in simulation): where the emulator's mailboxes register.</summary>
    internal ParallelDirectory? Parallel { get; }
}
