namespace CmaActors.Runtime;

/// <summary>Which of an actor's queues holds the work the driver would run next for it.</summary>
internal enum HeadKind
{
    /// <summary>Nothing can run.</summary>
    None,

    /// <summary>A unit of system work.</summary>
    System,

    /// <summary>A message already in the actor's mailbox (unstashed, or parked while the actor was suspended).</summary>
    Front,

    /// <summary>A message queued by the driver.</summary>
    Normal,
}
