namespace CmaActors.Runtime;

/// <summary>The order in which an actor's waiting messages reach its handler.</summary>
public enum MailboxOrder
{
    /// <summary>Virtual arrival time, then tie-break, then send order: what the timed strategy uses.</summary>
    ArrivalTime,

    /// <summary>
    /// The key the strategy gives each message when it is sent (<see cref="ISchedulingStrategy.NextTieBreak"/>), raised
    /// where needed so that it never decreases along a sender-receiver pair, then send order. Per-pair FIFO always holds;
    /// messages of different senders reach a receiver in whatever order their keys say, whatever virtual time they carry.
    /// </summary>
    StrategyKey,
}
