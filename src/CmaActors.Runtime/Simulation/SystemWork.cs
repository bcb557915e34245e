namespace CmaActors.Runtime;

/// <summary>
/// A unit of actor-system work (not a user message) queued in the driver for an actor.
/// </summary>
internal readonly struct SystemWork
{
    public readonly SystemWorkKind Kind;
    public readonly object Payload;
    public readonly long ArrivedAtNs;
    public readonly long TieBreak;
    public readonly long Seq;

    public SystemWork(SystemWorkKind kind, object payload, long arrivedAtNs, long tieBreak, long seq)
    {
        Kind = kind;
        Payload = payload;
        ArrivedAtNs = arrivedAtNs;
        TieBreak = tieBreak;
        Seq = seq;
    }
}
