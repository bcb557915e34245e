namespace CmaActors.Runtime;

/// <summary>What <see cref="IClock.Spend"/> does in parallel mode.</summary>
public enum SpendMode
{
    /// <summary>Nothing: a handler takes the real time its code takes.</summary>
    None,

    /// <summary>Busy-waits on the wall clock for the time spent, so that the cost model shapes real contention.</summary>
    Busy,
}
