using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>
/// A message on its way to an actor, with the facts the driver keeps about it.
/// </summary>
internal struct PendingDelivery
{
    public long ArrivedAtNs;
    public long TieBreak;
    public long Seq;
    public ActorId From;
    public Envelope Envelope;

    public PendingDelivery(long arrivedAtNs, long tieBreak, long seq, ActorId from, Envelope envelope)
    {
        ArrivedAtNs = arrivedAtNs;
        TieBreak = tieBreak;
        Seq = seq;
        From = from;
        Envelope = envelope;
    }

    /// <summary>Mailbox order: arrival, then tie-break, then sequence number.</summary>
    public readonly bool PrecedesInMailbox(in PendingDelivery other)
    {
        if (ArrivedAtNs != other.ArrivedAtNs) return ArrivedAtNs < other.ArrivedAtNs;
        if (TieBreak != other.TieBreak) return TieBreak < other.TieBreak;
        return Seq < other.Seq;
    }
}
