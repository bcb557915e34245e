using CmaActors.Runtime;

namespace CmaActors.Emulator.Stats;

/// <summary>
/// Mailbox wait of every emulator actor: for each one, messages handled, how many waited (arrived while it was busy),
/// and the total and longest wait from arrival to the start of the handler, in run ns. In parallel mode the hooks of
/// different actors run at once; each actor's own deliveries never overlap, so only the table of actors is guarded.
/// </summary>
public sealed class MailboxWaitObserver : IDeliveryObserver
{
    private readonly Lock _gate = new();
    private Entry?[] _byActor = new Entry?[64];
    private int _count;

    /// <summary>Number of actor ids seen so far (the table covers ids 0 .. ActorCount-1).</summary>
    public int ActorCount => Volatile.Read(ref _count);

    /// <summary>The wait of the actor with id <paramref name="id"/> (all zero if it handled nothing).</summary>
    public MailboxWait Of(ActorId id)
    {
        var table = Volatile.Read(ref _byActor);
        return id.Value >= 0 && id.Value < table.Length && Volatile.Read(ref table[id.Value]) is { } entry ? entry.Wait : default;
    }

    /// <inheritdoc />
    public void OnSend(in SendEvent e)
    {
    }

    /// <inheritdoc />
    public void OnDeliveryStart(in DeliveryEvent e)
    {
        var index = e.To.Value;
        if (index < 0)
            return;
        ref var wait = ref EntryOf(index).Wait;
        wait.Deliveries++;
        var ns = e.StartNs - e.ArrivedAtNs;
        if (ns <= 0)
            return;
        wait.Waited++;
        wait.WaitTotalNs += ns;
        if (ns > wait.WaitMaxNs)
            wait.WaitMaxNs = ns;
    }

    /// <inheritdoc />
    public void OnDeliveryEnd(in DeliveryEvent e, long endNs)
    {
    }

    private Entry EntryOf(int index)
    {
        var table = Volatile.Read(ref _byActor);
        if (index < table.Length && Volatile.Read(ref table[index]) is { } found)
            return found;
        lock (_gate)
        {
            table = _byActor;
            if (index >= table.Length)
                Array.Resize(ref table, Math.Max(table.Length * 2, index + 1));
            var entry = table[index] ??= new Entry();
            Volatile.Write(ref _byActor, table);
            if (index >= _count)
                Volatile.Write(ref _count, index + 1);
            return entry;
        }
    }

    /// <summary>One actor's wait, updated in place by that actor's deliveries only.</summary>
    private sealed class Entry
    {
        public MailboxWait Wait;
    }
}
