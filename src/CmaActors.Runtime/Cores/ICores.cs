namespace CmaActors.Runtime;

/// <summary>
/// The processors emulator actors run on. Actors placed on one core run one handler at a time between them, as tasks
/// sharing a CPU do: a handler starts once the core is free. An actor that waits for an answer while spinning (a CPU
/// spinning on a lock) keeps its core until it releases it: nothing else placed there runs meanwhile, while an actor
/// that waits asleep (a mutex) simply ends its handler and frees the core. Actors that are placed nowhere (locks,
/// devices) run whenever their own mailbox lets them.
/// </summary>
public interface ICores
{
    /// <summary>Places <paramref name="actor"/> on core <paramref name="core"/> (0 or more) for the rest of its life.</summary>
    void Place(ActorId actor, int core);

    /// <summary>
    /// Called by a running handler: its actor keeps its core after the handler ends (it spins), until it calls
    /// <see cref="Release"/>; only the holder's own messages run there meanwhile. Nothing happens for an unplaced actor.
    /// </summary>
    void Hold();

    /// <summary>
    /// Called by a running handler whose actor holds its core: the core runs other actors again once this handler ends.
    /// Outside a handler run by the simulation (after the run, in parallel mode) it does nothing.
    /// </summary>
    void Release();
}
