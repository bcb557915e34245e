namespace CmaActors.Runtime;

/// <summary>
/// Thrown by the driver when an emulator actor's handler (or its constructor or lifecycle hook) threw.
/// </summary>
public sealed class SimulationFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SimulationFailedException(ActorId actor, string actorName, Type? messageType, long step, Exception cause)
        : base(Describe(actorName, actor, messageType, step, cause), cause)
    {
        Actor = actor;
        ActorName = actorName;
        MessageType = messageType;
        Step = step;
    }

    /// <summary>The actor that failed.</summary>
    public ActorId Actor { get; }

    /// <summary>Its path relative to the simulation root.</summary>
    public string ActorName { get; }

    /// <summary>Type of the message (or system message) being handled, when known.</summary>
    public Type? MessageType { get; }

    /// <summary>The delivery step during which it failed, or the number of deliveries run so far when it failed outside a delivery.</summary>
    public long Step { get; }

    private static string Describe(string name, ActorId actor, Type? messageType, long step, Exception cause) =>
        $"Emulator actor '{name}' ({actor}) failed handling {messageType?.Name ?? "unknown message"} at step {step}: " +
        $"{cause.GetType().Name}: {cause.Message}";
}
