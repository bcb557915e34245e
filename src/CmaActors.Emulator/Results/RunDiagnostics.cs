namespace CmaActors.Emulator.Results;

/// <summary>What the run's diagnostics add to its result: mailbox waits, the memory timeline and the /proc snapshots.</summary>
/// <param name="MailboxWait">Mailbox wait per actor or group.</param>
/// <param name="Timeline">Free pages and pageblock map over time.</param>
/// <param name="Snapshots">/proc/buddyinfo and /proc/pagetypeinfo over time.</param>
public sealed record RunDiagnostics(IReadOnlyList<MailboxWaitResult> MailboxWait, TimelineResult? Timeline, IReadOnlyList<ProcSnapshot> Snapshots);
