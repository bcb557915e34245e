namespace CmaActors.Emulator.Scenarios;

/// <summary>What alloc_contig_range() does with a clean page-cache page in the range.</summary>
public enum CleanPageAction
{
    /// <summary>Drop it (reclaim_clean_pages_from_list()); the owner reads it again on its next access.</summary>
    Discard,

    /// <summary>Migrate it like any other page.</summary>
    Migrate,
}
