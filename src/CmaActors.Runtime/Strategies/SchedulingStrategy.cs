namespace CmaActors.Runtime;

/// <summary>
/// Base class of the built-in strategies. The driver calls its strategy several times per delivery; through a class
/// these are plain virtual calls, where an interface call whose target type changes over the process (a measuring run,
/// then the schedules) goes through the runtime's slower dispatch stub. A strategy that only implements
/// <see cref="ISchedulingStrategy"/> works the same, behind a forwarding wrapper.
/// </summary>
public abstract class SchedulingStrategy : ISchedulingStrategy
{
    /// <inheritdoc />
    public abstract void Reset();

    /// <inheritdoc />
    public abstract long NextTieBreak();

    /// <inheritdoc />
    public abstract long PerturbLatency(long ns);

    /// <inheritdoc />
    public abstract long PerturbCost(long ns);

    /// <inheritdoc />
    public abstract void SetReady(int slot, in ReadyKey key);

    /// <inheritdoc />
    public abstract void ClearReady(int slot);

    /// <inheritdoc />
    public abstract bool TryPeek(out int slot);

    /// <inheritdoc />
    public virtual MailboxOrder MailboxOrder => MailboxOrder.ArrivalTime;

    /// <inheritdoc />
    public virtual void OnStarted(int slot)
    {
    }

    /// <summary>The strategy the driver was given: this one, or the one a forwarding wrapper calls.</summary>
    internal virtual ISchedulingStrategy Given => this;

    /// <summary><paramref name="strategy"/> itself when it derives from this class, else a wrapper that forwards to it.</summary>
    internal static SchedulingStrategy Of(ISchedulingStrategy strategy) =>
        strategy as SchedulingStrategy ?? new Forwarding(strategy);

    private sealed class Forwarding(ISchedulingStrategy inner) : SchedulingStrategy
    {
        internal override ISchedulingStrategy Given => inner;

        public override void Reset() => inner.Reset();

        public override long NextTieBreak() => inner.NextTieBreak();

        public override long PerturbLatency(long ns) => inner.PerturbLatency(ns);

        public override long PerturbCost(long ns) => inner.PerturbCost(ns);

        public override void SetReady(int slot, in ReadyKey key) => inner.SetReady(slot, in key);

        public override void ClearReady(int slot) => inner.ClearReady(slot);

        public override bool TryPeek(out int slot) => inner.TryPeek(out slot);

        public override MailboxOrder MailboxOrder => inner.MailboxOrder;

        public override void OnStarted(int slot) => inner.OnStarted(slot);
    }
}
