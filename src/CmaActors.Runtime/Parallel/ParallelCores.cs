namespace CmaActors.Runtime;

/// <summary>
/// Cores in parallel mode: the handlers of actors placed on one core take that core's lock for their run, so they run
/// one at a time, on whichever pool thread. A spinning hold across handlers (<see cref="ICores.Hold"/>) is not
/// played: the holder's thread would block a pool thread across message round trips and stall the quiescence gate,
/// so in this mode only the spinning actor itself waits (it stashes what it cannot handle yet).
/// </summary>
internal sealed class ParallelCores(ParallelDirectory directory) : ICores
{
    private readonly object _gate = new();
    private readonly List<object> _locks = [];

    /// <inheritdoc />
    public void Place(ActorId actor, int core)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(core);
        object coreLock;
        lock (_gate)
        {
            while (_locks.Count <= core) _locks.Add(new object());
            coreLock = _locks[core];
        }

        directory.PlaceOnCore(actor, coreLock);
    }

    /// <inheritdoc />
    public void Hold()
    {
    }

    /// <inheritdoc />
    public void Release()
    {
    }
}
