namespace CmaActors.Runtime;

/// <summary>
/// The last arrival on one sender-to-receiver channel, used to keep per-pair FIFO order under latency jitter.
/// </summary>
internal struct PairChannel
{
    public long LastArrivalNs;
    public long LastTieBreak;
}
