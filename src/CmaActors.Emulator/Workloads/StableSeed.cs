namespace CmaActors.Emulator.Workloads;

/// <summary>Derives a per-actor seed from the run's seed and a name, the same in every process (FNV-1a, not string.GetHashCode).</summary>
public static class StableSeed
{
    /// <summary>A seed for the random stream named <paramref name="name"/> in a run seeded with <paramref name="seed"/>.</summary>
    public static int For(int seed, string name)
    {
        unchecked
        {
            var hash = 2166136261u ^ (uint)seed;
            foreach (var c in name)
            {
                hash ^= c;
                hash *= 16777619u;
            }

            hash ^= hash >> 15;
            hash *= 0x2c1b3c6du;
            hash ^= hash >> 12;
            return (int)(hash & 0x7fffffff);
        }
    }
}
