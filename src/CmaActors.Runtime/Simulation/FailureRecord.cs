namespace CmaActors.Runtime;

/// <summary>The first failure of an emulator actor seen in a run.</summary>
internal sealed record FailureRecord(ActorId Actor, string ActorName, Type? MessageType, long Step, Exception Cause)
{
    public SimulationFailedException ToException() => new(Actor, ActorName, MessageType, Step, Cause);
}
