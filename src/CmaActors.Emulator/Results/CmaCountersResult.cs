using System.Text.Json.Serialization;

namespace CmaActors.Emulator.Results;

/// <summary>CMA counters: the kernel's sysfs names (snake_case, as in /sys/kernel/mm/cma/&lt;name&gt;/) and the emulator's own.</summary>
public sealed record CmaCountersResult
{
    /// <summary>Pages handed out by successful cma_alloc calls.</summary>
    [JsonPropertyName("alloc_pages_success")]
    public required long AllocPagesSuccess { get; init; }

    /// <summary>Pages asked for by failed cma_alloc calls.</summary>
    [JsonPropertyName("alloc_pages_fail")]
    public required long AllocPagesFail { get; init; }

    /// <summary>Pages given back by cma_release.</summary>
    [JsonPropertyName("release_pages_success")]
    public required long ReleasePagesSuccess { get; init; }

    /// <summary>cma_alloc calls that succeeded.</summary>
    public required long AllocSuccess { get; init; }

    /// <summary>cma_alloc calls that failed.</summary>
    public required long AllocFail { get; init; }

    /// <summary>Ranges given up with -EBUSY and retried further on.</summary>
    public required long BusyRetries { get; init; }

    /// <summary>Pages migrated out of ranges.</summary>
    public required long PagesMigrated { get; init; }

    /// <summary>Pages dropped instead of migrated: clean page cache (reclaim_clean_pages_from_list()), GCMA's discardable copies.</summary>
    public long PagesDiscarded { get; init; }

    /// <summary>Migration attempts refused by pinned pages.</summary>
    public required long MigrateBusyPages { get; init; }

    /// <summary>drain_all_pages() calls.</summary>
    public required long Drains { get; init; }

    /// <summary>Pageblock isolations refused.</summary>
    public required long IsolationFailures { get; init; }
}
