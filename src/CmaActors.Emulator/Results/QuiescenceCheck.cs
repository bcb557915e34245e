namespace CmaActors.Emulator.Results;

/// <summary>One invariant check of a parallel run: load stopped, mailboxes drained, every handler held back, all walked.</summary>
/// <param name="AtSeconds">Run time of the check, s.</param>
/// <param name="Held">Every invariant held.</param>
/// <param name="Drained">Every mailbox was empty when the handlers were held back (false: the drain timed out).</param>
/// <param name="DrainMs">How long stopping and draining took, ms.</param>
/// <param name="QueuedAtCut">Messages still waiting in mailboxes at the cut.</param>
public sealed record QuiescenceCheck(double AtSeconds, bool Held, bool Drained, double DrainMs, long QueuedAtCut);
