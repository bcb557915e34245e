namespace CmaActors.Emulator.Results;

/// <summary>The /proc files at one moment of virtual time.</summary>
/// <param name="TimeNs">Virtual time, ns.</param>
/// <param name="Buddyinfo">/proc/buddyinfo.</param>
/// <param name="Pagetypeinfo">/proc/pagetypeinfo.</param>
/// <param name="Vmstat">/proc/vmstat: the counters the emulator keeps, under their kernel names.</param>
/// <param name="Zoneinfo">/proc/zoneinfo.</param>
public sealed record ProcSnapshot(long TimeNs, string Buddyinfo, string Pagetypeinfo, string Vmstat = "", string Zoneinfo = "");
