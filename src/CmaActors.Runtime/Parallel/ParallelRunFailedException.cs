namespace CmaActors.Runtime;

/// <summary>
/// An emulator actor's handler (or lifecycle hook, or an observer called from it) threw during a parallel run.
/// </summary>
public sealed class ParallelRunFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ParallelRunFailedException(ActorId actor, string actorName, Type? messageType, Exception cause)
        : base($"Emulator actor '{actorName}' ({actor}) failed handling {messageType?.Name ?? "unknown message"}: {cause.GetType().Name}: {cause.Message}", cause)
    {
        Actor = actor;
        ActorName = actorName;
        MessageType = messageType;
    }

    /// <summary>The actor that failed.</summary>
    public ActorId Actor { get; }

    /// <summary>Its path relative to the run's root.</summary>
    public string ActorName { get; }

    /// <summary>Type of the message being handled, when known.</summary>
    public Type? MessageType { get; }
}
