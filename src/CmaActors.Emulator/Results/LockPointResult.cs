namespace CmaActors.Emulator.Results;

/// <summary>A contention or contending point: the kernel function and CPU, its contentions, and their waits in ns.</summary>
/// <param name="Function">Kernel function (rmqueue_bulk, set_migratetype_isolate, cma_alloc...).</param>
/// <param name="Cpu">CPU, or -1 when none is known.</param>
/// <param name="Contentions">Contentions at (or against) this point.</param>
/// <param name="WaitTotalNs">Their total wait.</param>
/// <param name="WaitMaxNs">Their longest wait.</param>
public sealed record LockPointResult(string Function, int Cpu, long Contentions, long WaitTotalNs, long WaitMaxNs);
