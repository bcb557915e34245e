namespace CmaActors.Runtime;

/// <summary>
/// Decides which actor runs next, and perturbs costs and latencies.
/// The driver keeps per-actor queues (per sender-receiver FIFO, system messages first) and tells the strategy which
/// actors are ready ("slots", small stable integers) and with which <see cref="ReadyKey"/>; the strategy picks one.
/// All randomness must come from the strategy's own seed. A strategy instance serves one driver at a time;
/// <see cref="Reset"/> returns it to its initial state so that the same instance replays the same run.
/// </summary>
public interface ISchedulingStrategy
{
    /// <summary>Returns the strategy to its initial state (seeded generators, empty ready set). Called by the driver when it is created.</summary>
    void Reset();

    /// <summary>A seeded random number attached to each queued delivery, used to break ties.</summary>
    long NextTieBreak();

    /// <summary>The latency actually applied for a modelled latency of <paramref name="ns"/> (at least 0).</summary>
    long PerturbLatency(long ns);

    /// <summary>The cost actually spent for a requested cost of <paramref name="ns"/> (at least 0).</summary>
    long PerturbCost(long ns);

    /// <summary>Slot <paramref name="slot"/> can run, with key <paramref name="key"/> (adds it, or updates its key).</summary>
    void SetReady(int slot, in ReadyKey key);

    /// <summary>Slot <paramref name="slot"/> cannot run (no-op when it was not ready).</summary>
    void ClearReady(int slot);

    /// <summary>
    /// The slot that should run next, or false when none is ready. Must return the same slot until the ready set changes.
    /// </summary>
    bool TryPeek(out int slot);

    /// <summary>How each actor's waiting messages are ordered. Read by the driver when it starts a run with this strategy.</summary>
    MailboxOrder MailboxOrder => MailboxOrder.ArrivalTime;

    /// <summary>The driver is about to run the head unit of work of <paramref name="slot"/>, the one <see cref="TryPeek"/> chose.</summary>
    void OnStarted(int slot)
    {
    }
}
