namespace CmaActors.Emulator.Kernel;

/// <summary>How drain_all_pages() empties the other CPUs' pcp lists.</summary>
public enum DrainProtocol
{
    /// <summary>
    /// 4.11–5.19: a work item (earlier an IPI) per CPU; every CPU drains its own lists at the same time and the caller
    /// waits for all of them (flush_work()).
    /// </summary>
    WorkItemPerCpu,

    /// <summary>
    /// 6.0 on (443c2accd1b6 "mm/page_alloc: remotely drain per-cpu lists"): the caller drains each CPU's lists itself,
    /// one CPU after another, under that CPU's pcp-&gt;lock (drain_pages_zone()).
    /// </summary>
    CallerUnderPcpLock,
}
