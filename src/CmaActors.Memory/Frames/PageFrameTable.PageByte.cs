using System.Runtime.CompilerServices;

namespace CmaActors.Memory.Frames;

// The page byte (flag bits, kind, reference count) and the pin counts, with their side tables.
public sealed partial class PageFrameTable
{
    // ---------------------------------------------------------------- emulator-defined fields

    /// <summary>Emulator-defined kind of the page (anon, file, kernel...), 0..<see cref="MaxKind"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte GetKind(int pfn) => (byte)((pageBytes[pfn] & KindMask) >> KindShift);

    /// <summary>Sets the kind (atomic: another thread may change the frame's flags or reference count meanwhile).</summary>
    public void SetKind(int pfn, byte kind)
    {
        if (kind > MaxKind)
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"kinds run 0..{MaxKind}");
        // Only the frame's holder changes its kind, so the kind read here is still the frame's when the update lands.
        var old = GetKind(pfn);
        if (old == kind)
            return;
        Update(ref pageBytes[pfn], KindMask, (byte)(kind << KindShift));
        var place = (int)GetPlace(pfn);
        MoveCount(pfn, place, old, place, kind);
    }

    /// <summary>Emulator-defined flag bits (LRU, dirty, writeback...), within <see cref="FlagMask"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte GetFlagBits(int pfn) => (byte)(pageBytes[pfn] & FlagMask);

    /// <summary>Replaces every flag bit of the frame with <paramref name="bits"/>, atomically.</summary>
    public void AssignFlagBits(int pfn, byte bits) => Update(ref pageBytes[pfn], FlagMask, CheckFlags(bits));

    /// <summary>Sets <paramref name="bits"/> atomically (set_bit()).</summary>
    public void SetFlagBits(int pfn, byte bits)
    {
        ref var location = ref pageBytes[pfn];
        bits = CheckFlags(bits);
        var seen = Volatile.Read(ref location);
        while ((seen & bits) != bits)
        {
            var actual = Interlocked.CompareExchange(ref location, (byte)(seen | bits), seen);
            if (actual == seen)
                return;
            seen = actual;
        }
    }

    /// <summary>Clears <paramref name="bits"/> atomically (clear_bit()).</summary>
    public void ClearFlagBits(int pfn, byte bits)
    {
        ref var location = ref pageBytes[pfn];
        bits = CheckFlags(bits);
        var seen = Volatile.Read(ref location);
        while ((seen & bits) != 0)
        {
            var actual = Interlocked.CompareExchange(ref location, (byte)(seen & ~bits), seen);
            if (actual == seen)
                return;
            seen = actual;
        }
    }

    private static byte CheckFlags(byte bits) =>
        (bits & ~FlagMask) == 0 ? bits : throw new ArgumentOutOfRangeException(nameof(bits), bits, $"flag bits lie within 0x{FlagMask:x}");

    // Replaces the bits of mask in location with value, by compare-and-swap.
    private static void Update(ref byte location, byte mask, byte value)
    {
        var seen = Volatile.Read(ref location);
        while ((seen & mask) != value)
        {
            var actual = Interlocked.CompareExchange(ref location, (byte)((seen & ~mask) | value), seen);
            if (actual == seen)
                return;
            seen = actual;
        }
    }

    /// <summary>page_ref_count().</summary>
    public int GetRefCount(int pfn)
    {
        var inline = pageBytes[pfn] >> RefShift;
        if (inline < RefCountInline)
            return inline;
        lock (refOverflow)
        {
            inline = Volatile.Read(ref pageBytes[pfn]) >> RefShift;
            return inline < RefCountInline ? inline : RefCountInline + refOverflow.GetValueOrDefault(pfn);
        }
    }

    /// <summary>page_ref_inc(), atomic.</summary>
    public void IncrementRefCount(int pfn)
    {
        ref var location = ref pageBytes[pfn];
        while (true)
        {
            var seen = Volatile.Read(ref location);
            if (seen >> RefShift < RefCountInline)
            {
                if (Interlocked.CompareExchange(ref location, (byte)(seen + RefUnit), seen) == seen)
                    return;
                continue;
            }

            lock (refOverflow)
            {
                // Counts at the inline limit change only under this lock, so the limit still holds here.
                if (Volatile.Read(ref location) >> RefShift < RefCountInline)
                    continue;
                refOverflow[pfn] = checked(refOverflow.GetValueOrDefault(pfn) + 1);
                return;
            }
        }
    }

    /// <summary>Decrements a reference count above zero, atomically (page_ref_dec() on a reference the caller holds);
    /// false, and nothing changed, when the count was zero.</summary>
    public bool TryDecrementRefCount(int pfn)
    {
        ref var location = ref pageBytes[pfn];
        while (true)
        {
            var seen = Volatile.Read(ref location);
            var inline = seen >> RefShift;
            if (inline == 0)
                return false;
            if (inline < RefCountInline)
            {
                if (Interlocked.CompareExchange(ref location, (byte)(seen - RefUnit), seen) == seen)
                    return true;
                continue;
            }

            lock (refOverflow)
            {
                seen = Volatile.Read(ref location);
                if (seen >> RefShift < RefCountInline)
                    continue;
                if (refOverflow.TryGetValue(pfn, out var extra))
                {
                    if (extra == 1)
                        refOverflow.Remove(pfn);
                    else
                        refOverflow[pfn] = extra - 1;
                    return true;
                }

                if (Interlocked.CompareExchange(ref location, (byte)(seen - RefUnit), seen) == seen)
                    return true;
            }
        }
    }

    /// <summary>set_page_count(): sets the reference count to <paramref name="count"/> (not negative).</summary>
    public void SetRefCount(int pfn, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ref var location = ref pageBytes[pfn];
        var inline = (byte)(Math.Min(count, RefCountInline) << RefShift);
        if (count < RefCountInline)
        {
            // Without the lock only while the count stays below the limit, where no overflow entry exists.
            var seen = Volatile.Read(ref location);
            while (seen >> RefShift < RefCountInline)
            {
                var desired = (byte)((seen & ~RefMask) | inline);
                if (desired == seen)
                    return;
                var actual = Interlocked.CompareExchange(ref location, desired, seen);
                if (actual == seen)
                    return;
                seen = actual;
            }
        }

        lock (refOverflow)
        {
            if (count > RefCountInline)
                refOverflow[pfn] = count - RefCountInline;
            else
                refOverflow.Remove(pfn);
            Update(ref location, RefMask, inline);
        }
    }

    /// <summary>Pin count (FOLL_PIN references).</summary>
    public int GetPinCount(int pfn)
    {
        if (Volatile.Read(ref pinnedPerPageblock[pfn >> Geometry.PageblockOrder]) == 0)
            return 0;
        lock (pins)
            return pins.GetValueOrDefault(pfn);
    }

    /// <summary>Adds one pin (FOLL_PIN), atomically; the new count.</summary>
    public int Pin(int pfn) => AddPins(pfn, 1);

    /// <summary>Drops one pin (unpin_user_page()), atomically; the new count.</summary>
    public int Unpin(int pfn) => AddPins(pfn, -1);

    /// <summary>Adds <paramref name="delta"/> to the pin count, atomically; the new count.</summary>
    public int AddPins(int pfn, int delta)
    {
        if ((uint)pfn >= (uint)FrameCount)
            throw new ArgumentOutOfRangeException(nameof(pfn), pfn, "outside the frame table");
        ref var pinned = ref pinnedPerPageblock[pfn >> Geometry.PageblockOrder];
        lock (pins)
        {
            var before = pins.GetValueOrDefault(pfn);
            var after = checked(before + delta);
            if (after == 0)
                pins.Remove(pfn);
            else
                pins[pfn] = after;
            if (before == 0 && after != 0)
                Volatile.Write(ref pinned, pinned + 1);
            else if (before != 0 && after == 0)
                Volatile.Write(ref pinned, pinned - 1);
            return after;
        }
    }
}
