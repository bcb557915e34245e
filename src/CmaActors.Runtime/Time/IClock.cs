namespace CmaActors.Runtime;

/// <summary>
/// The clock emulator actors use, whatever the mode they run under.
/// </summary>
public interface IClock
{
    /// <summary>
    /// In simulation: the running handler's current virtual time (its start plus everything spent so far);
    /// outside a handler, the driver's current virtual time. In parallel mode: wall time since the run started, the same
    /// monotonic clock on every thread. Nanoseconds.
    /// </summary>
    long NowNs { get; }

    /// <summary>
    /// In simulation: advances the running handler's virtual time by <paramref name="ns"/> (at least 0). In parallel
    /// mode: returns at once, or busy-waits that long (<see cref="SpendMode"/>).
    /// </summary>
    void Spend(long ns);
}
