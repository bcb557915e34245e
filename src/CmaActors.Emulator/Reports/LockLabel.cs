using CmaActors.Emulator.Results;

namespace CmaActors.Emulator.Reports;

/// <summary>How reports name a lock instance.</summary>
public static class LockLabel
{
    /// <summary>"&amp;zone->lock Normal", or just the class when the instance has the class's name (cma_mutex).</summary>
    public static string Of(LockResult l) => l.Class == l.Instance ? l.Class : $"{l.Class} {l.Instance}";
}
