namespace CmaActors.Memory.Frames;

/// <summary>Constants and predicates over <see cref="MigrateType"/>, named as in include/linux/mmzone.h.</summary>
public static class MigrateTypes
{
    /// <summary>MIGRATE_PCPTYPES: the types that have their own per-CPU lists (Unmovable, Movable, Reclaimable).</summary>
    public const int PcpTypes = 3;

    /// <summary>MIGRATE_TYPES: number of migrate types.</summary>
    public const int Count = 6;

    private static readonly string[] Names = ["Unmovable", "Movable", "Reclaimable", "HighAtomic", "CMA", "Isolate"];

    /// <summary>The kernel's name after "a" or "an", for sentences: "an Isolate", "a Movable".</summary>
    public static string KernelNameWithArticle(MigrateType mt) =>
        ("AEIOU".Contains(KernelName(mt)[0], StringComparison.Ordinal) ? "an " : "a ") + KernelName(mt);

    /// <summary>The kernel's <c>migratetype_names[]</c> entry (as printed by /proc/pagetypeinfo).</summary>
    public static string KernelName(MigrateType mt)
    {
        var i = (int)mt;
        return (uint)i < Count ? Names[i] : throw new ArgumentOutOfRangeException(nameof(mt), mt, "unknown migrate type");
    }

    /// <summary>Mirrors migratetype_is_mergeable(): only the pcp types may merge with a buddy of another type.</summary>
    public static bool IsMergeable(MigrateType mt) => (int)mt < PcpTypes;

    /// <summary>Mirrors is_migrate_cma().</summary>
    public static bool IsCma(MigrateType mt) => mt == MigrateType.Cma;

    /// <summary>Mirrors is_migrate_isolate().</summary>
    public static bool IsIsolate(MigrateType mt) => mt == MigrateType.Isolate;

    /// <summary>Mirrors is_migrate_highatomic().</summary>
    public static bool IsHighAtomic(MigrateType mt) => mt == MigrateType.HighAtomic;
}
