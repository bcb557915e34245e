namespace CmaActors.Emulator.Scenarios;

/// <summary>Which CPUs drain_all_pages() asks to drain their pcp lists.</summary>
public enum DrainScope
{
    /// <summary>Only CPUs whose pcp count for the zone reads non-zero, read without their lock (the kernel's filter).</summary>
    CpusWithPages,

    /// <summary>Every CPU (force_all_cpus).</summary>
    AllCpus,
}
