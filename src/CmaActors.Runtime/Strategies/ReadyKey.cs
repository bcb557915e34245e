namespace CmaActors.Runtime;

/// <summary>
/// What the driver tells a strategy about an actor that can run: when its next delivery would start,
/// and the seeded tie-break and sequence number of that delivery.
/// </summary>
/// <param name="StartNs">Virtual start time: the later of the message's arrival and the time the actor is free.</param>
/// <param name="TieBreak">Seeded random number drawn when the delivery was queued.</param>
/// <param name="Seq">Sequence number of the delivery (unique).</param>
public readonly record struct ReadyKey(long StartNs, long TieBreak, long Seq)
{
    /// <summary>Orders by start time, then tie-break, then sequence number.</summary>
    public int CompareTo(in ReadyKey other)
    {
        if (StartNs != other.StartNs) return StartNs < other.StartNs ? -1 : 1;
        if (TieBreak != other.TieBreak) return TieBreak < other.TieBreak ? -1 : 1;
        return Seq.CompareTo(other.Seq);
    }
}
