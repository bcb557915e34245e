namespace CmaActors.Runtime;

/// <summary>
/// The clock emulator actors use, whatever the mode they run under.
/// </summary>
public interface IClock
{
    /// <summary>
    /// In simulation: the running handler's current virtual time (its start plus everything spent so far);
    /// outside a handler, the driver's current virtual time. Nanoseconds.
    /// </summary>
    long NowNs { get; }

    /// <summary>In simulation: advances the running handler's virtual time by <paramref name="ns"/> (at least 0).</summary>
    void Spend(long ns);
}
