namespace CmaActors.Emulator.Machine;

/// <summary>A remote drainer spinning on a CPU's pcp-&gt;lock got it: the CPU let go of it.</summary>
/// <param name="Cpu">The CPU whose lists it may now drain.</param>
/// <param name="ZoneId">The zone of those lists.</param>
public sealed record PcpLockGranted(int Cpu, int ZoneId);
