using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Workloads;

/// <summary>Draws durations from a scenario's ranges with a seeded generator.</summary>
public static class RandomDurations
{
    private const double NsPerMs = 1_000_000;

    /// <summary>A duration from <paramref name="range"/>, in ns.</summary>
    public static long NextNs(this Random random, TimeRangeMs range)
    {
        if (range.Max <= range.Min)
            return (long)(range.Min * NsPerMs);
        var u = random.NextDouble();
        var ms = range.Distribution == Distribution.LogUniform
            ? range.Min * Math.Pow(range.Max / range.Min, u)
            : range.Min + (range.Max - range.Min) * u;
        return (long)(ms * NsPerMs);
    }

    /// <summary>An exponentially distributed gap for events at <paramref name="perSecond"/>, in ns.</summary>
    public static long NextExponentialNs(this Random random, double perSecond)
    {
        var u = 1.0 - random.NextDouble();
        return (long)(-Math.Log(u) / perSecond * 1e9);
    }
}
