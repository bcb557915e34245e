using System.Numerics;

namespace CmaActors.Emulator.Stats;

/// <summary>Wait times in power-of-two buckets of virtual ns: bucket i counts waits in [2^i, 2^(i+1)).</summary>
public sealed class WaitHistogram
{
    private readonly long[] _buckets = new long[64];

    /// <summary>Records one wait (ignored unless positive).</summary>
    public void Record(long ns)
    {
        if (ns > 0)
            _buckets[BitOperations.Log2((ulong)ns)]++;
    }

    /// <summary>The buckets from the first non-empty one to the last, empty ones between included: (from ns, to ns, count).</summary>
    public IReadOnlyList<(long FromNs, long ToNs, long Count)> Buckets()
    {
        var first = Array.FindIndex(_buckets, c => c > 0);
        if (first < 0)
            return [];
        var last = Array.FindLastIndex(_buckets, c => c > 0);
        var list = new List<(long, long, long)>(last - first + 1);
        for (var i = first; i <= last; i++)
            list.Add((1L << i, i == 62 ? long.MaxValue : 1L << (i + 1), _buckets[i]));
        return list;
    }
}
