using System.Diagnostics;

namespace CmaActors.Runtime;

/// <summary>
/// The <see cref="IClock"/> of parallel mode: nanoseconds of <see cref="Stopwatch"/> time since the run started, the same
/// monotonic clock on every thread. <see cref="Spend"/> does nothing or busy-waits, as <see cref="SpendMode"/> says.
/// </summary>
public sealed class WallClock : IClock
{
    private readonly long _origin = Stopwatch.GetTimestamp();
    private readonly double _nsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>Creates a clock that reads zero now.</summary>
    public WallClock(SpendMode spend) => SpendMode = spend;

    /// <summary>What <see cref="Spend"/> does.</summary>
    public SpendMode SpendMode { get; }

    /// <inheritdoc />
    public long NowNs => (long)((Stopwatch.GetTimestamp() - _origin) * _nsPerTick);

    /// <summary>With <see cref="SpendMode.Busy"/>, spins until <paramref name="ns"/> of wall time have passed; otherwise returns at once.</summary>
    public void Spend(long ns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ns);
        if (SpendMode == SpendMode.None || ns == 0)
            return;
        var until = Stopwatch.GetTimestamp() + (long)(ns / _nsPerTick);
        while (Stopwatch.GetTimestamp() < until)
            Thread.SpinWait(8);
    }
}
