namespace CmaActors.Memory.Buddy;

/// <summary>Outcome of <see cref="Zone.SetMigratetypeIsolate(int, Func{int, bool}?, Frames.MigrateType)"/>.</summary>
public enum IsolateStatus : byte
{
    /// <summary>The pageblock is now MIGRATE_ISOLATE.</summary>
    Isolated = 0,

    /// <summary>-EBUSY: the pageblock was already isolated (someone else raced and set it).</summary>
    AlreadyIsolated = 1,

    /// <summary>-EBUSY: has_unmovable_pages() found a page that cannot move.</summary>
    HasUnmovablePages = 2,

    /// <summary>-EBUSY: the pageblock straddles the zone boundary (prep_move_freepages_block() refused).</summary>
    OutsideZone = 3,
}
