namespace CmaActors.Runtime;

/// <summary>What the driver keeps per sender-receiver pair so that the pair's messages arrive in send order.</summary>
internal sealed class PairChannel
{
    /// <summary>Arrival time of the pair's latest message.</summary>
    public long LastArrivalNs;

    /// <summary>Tie-break of the pair's latest message.</summary>
    public long LastTieBreak;
}
