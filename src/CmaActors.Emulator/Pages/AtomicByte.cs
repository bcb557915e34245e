namespace CmaActors.Emulator.Pages;

/// <summary>
/// Read-modify-write of one byte with a compare-and-swap loop, for per-frame bytes that actors on different cores may
/// change at once: claim counts (atomic_inc of page->_mapcount). The frame table changes page flags the same way.
/// </summary>
internal static class AtomicByte
{
    /// <summary>Adds <paramref name="delta"/> (wrapping like a byte).</summary>
    public static void Add(ref byte location, int delta)
    {
        var seen = Volatile.Read(ref location);
        while (true)
        {
            var actual = Interlocked.CompareExchange(ref location, unchecked((byte)(seen + delta)), seen);
            if (actual == seen)
                return;
            seen = actual;
        }
    }
}
