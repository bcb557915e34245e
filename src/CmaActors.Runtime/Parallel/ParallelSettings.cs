namespace CmaActors.Runtime;

/// <summary>
/// What a parallel host is made of.
/// </summary>
/// <param name="Spend">What <see cref="IClock.Spend"/> does: nothing, or busy-wait on the wall clock.</param>
/// <param name="Threads">0: the emulator dispatcher is Akka's default one, on the .NET thread pool (every core).
/// N &gt; 0: Akka's fork-join executor, a dedicated pool of exactly N threads.</param>
/// <param name="Throughput">Messages an actor handles per turn on a thread before the thread moves on (Akka's default is 30).</param>
/// <param name="ExtraHocon">Additional Akka configuration, taking precedence over the runtime's.</param>
public sealed record ParallelSettings(SpendMode Spend = SpendMode.None, int Threads = 0, int Throughput = 30, string? ExtraHocon = null);
