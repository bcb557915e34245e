namespace CmaActors.Runtime;

/// <summary>
/// Cores in parallel mode (see <see cref="ParallelCore"/>): the mailbox of an actor placed on a core claims it for each
/// handler, so the actors placed there run one at a time on whichever pool thread; a spinning actor holds it across
/// handlers. No thread ever blocks for a core.
/// </summary>
internal sealed class ParallelCores(ParallelDirectory directory) : ICores
{
    private readonly object _gate = new();
    private readonly List<ParallelCore> _cores = [];

    /// <inheritdoc />
    public void Place(ActorId actor, int core)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(core);
        ParallelCore target;
        lock (_gate)
        {
            while (_cores.Count <= core) _cores.Add(new ParallelCore());
            target = _cores[core];
        }

        directory.PlaceOnCore(actor, target);
    }

    /// <inheritdoc />
    public void Hold() => ObservedMessageQueue.Current?.HoldCore();

    /// <inheritdoc />
    public void Release() => ObservedMessageQueue.Current?.ReleaseCore();
}
