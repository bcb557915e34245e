using CmaActors.Runtime;

namespace CmaActors.Emulator.Stats;

/// <summary>
/// Mailbox wait of every emulator actor: for each one, messages handled, how many waited (arrived while it was busy),
/// and the total and longest wait from arrival to the start of the handler, in virtual ns.
/// </summary>
public sealed class MailboxWaitObserver : IDeliveryObserver
{
    private MailboxWait[] _byActor = new MailboxWait[64];
    private int _count;

    /// <summary>Number of actor ids seen so far (the table covers ids 0 .. ActorCount-1).</summary>
    public int ActorCount => _count;

    /// <summary>The wait of the actor with id <paramref name="id"/> (all zero if it handled nothing).</summary>
    public MailboxWait Of(ActorId id) => id.Value >= 0 && id.Value < _count ? _byActor[id.Value] : default;

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
        if (index >= _byActor.Length)
            Array.Resize(ref _byActor, Math.Max(_byActor.Length * 2, index + 1));
        if (index >= _count)
            _count = index + 1;
        ref var wait = ref _byActor[index];
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
}
