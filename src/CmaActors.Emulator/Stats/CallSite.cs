namespace CmaActors.Emulator.Stats;

/// <summary>
/// Where a lock was taken or wanted: the kernel function the step mirrors and the CPU it ran on (-1 when no CPU is
/// known). It stands in for the instruction address lock_stat prints with each contention point.
/// </summary>
/// <param name="Function">Kernel function name (rmqueue_bulk, set_migratetype_isolate, cma_alloc...).</param>
/// <param name="Cpu">CPU number, or -1.</param>
public readonly record struct CallSite(string Function, int Cpu)
{
    /// <summary>A holder nothing is known about (the lock was busy with runtime work).</summary>
    public static readonly CallSite Unknown = new("(unknown)", -1);

    /// <summary>The CPU as lock_stat's address column shows it: <c>cpu2</c>, or <c>cpu?</c>.</summary>
    public string CpuLabel => Cpu >= 0 ? $"cpu{Cpu}" : "cpu?";
}
