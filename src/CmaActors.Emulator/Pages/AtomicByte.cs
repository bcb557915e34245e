namespace CmaActors.Emulator.Pages;

/// <summary>
/// Read-modify-write of one byte with a compare-and-swap loop, for per-frame bytes that actors on different cores may
/// change at once: page flags (the kernel's atomic set_bit/clear_bit on page->flags) and claim counts (atomic_inc of
/// page->_mapcount).
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

    /// <summary>Sets <paramref name="bits"/>.</summary>
    public static void Or(ref byte location, byte bits)
    {
        var seen = Volatile.Read(ref location);
        while ((seen & bits) != bits)
        {
            var actual = Interlocked.CompareExchange(ref location, (byte)(seen | bits), seen);
            if (actual == seen)
                return;
            seen = actual;
        }
    }

    /// <summary>Clears <paramref name="bits"/>.</summary>
    public static void Clear(ref byte location, byte bits)
    {
        var seen = Volatile.Read(ref location);
        while ((seen & bits) != 0)
        {
            var actual = Interlocked.CompareExchange(ref location, (byte)(seen & ~bits), seen);
            if (actual == seen)
                return;
            seen = actual;
        }
    }
}
