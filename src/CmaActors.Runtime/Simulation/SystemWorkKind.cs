namespace CmaActors.Runtime;

/// <summary>What a unit of system work does when the driver runs it.</summary>
internal enum SystemWorkKind
{
    /// <summary>Hand a system message (create, terminate, watch, failure, ...) to the actor's mailbox and run it.</summary>
    SystemMessage,

    /// <summary>Run the actor's mailbox, which Akka scheduled (after creation, resumption, or with system messages queued).</summary>
    MailboxRun,

    /// <summary>Run a task that the dispatcher was asked to execute.</summary>
    Task,
}
