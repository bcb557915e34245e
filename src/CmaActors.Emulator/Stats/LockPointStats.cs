namespace CmaActors.Emulator.Stats;

/// <summary>
/// One contention point (a place that waited for the lock) or contending point (the place that held it meanwhile):
/// how many contentions it was part of and how long those waits were, in virtual ns.
/// </summary>
public sealed class LockPointStats(CallSite site)
{
    /// <summary>The place.</summary>
    public CallSite Site { get; } = site;

    /// <summary>Contentions at (or against) this place.</summary>
    public long Count { get; private set; }

    /// <summary>Total wait of those contentions.</summary>
    public long WaitTotalNs { get; private set; }

    /// <summary>Longest of those waits.</summary>
    public long WaitMaxNs { get; private set; }

    /// <summary>Counts one contention that waited <paramref name="waitNs"/>.</summary>
    public void Add(long waitNs)
    {
        Count++;
        WaitTotalNs += waitNs;
        if (waitNs > WaitMaxNs)
            WaitMaxNs = waitNs;
    }
}
