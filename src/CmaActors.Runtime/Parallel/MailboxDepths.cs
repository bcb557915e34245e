namespace CmaActors.Runtime;

/// <summary>How full the emulator actors' mailboxes are at one moment.</summary>
/// <param name="Actors">Living emulator actors.</param>
/// <param name="Queued">Messages waiting in all their mailboxes.</param>
/// <param name="Busy">Actors running a handler, or holding a message whose handler has not started.</param>
/// <param name="Deepest">The actor with the most messages waiting (null when none wait).</param>
/// <param name="DeepestQueued">How many wait there.</param>
public readonly record struct MailboxDepths(int Actors, long Queued, int Busy, string? Deepest, int DeepestQueued)
{
    /// <summary>Nothing waits and nothing runs.</summary>
    public bool Drained => Queued == 0 && Busy == 0;
}
