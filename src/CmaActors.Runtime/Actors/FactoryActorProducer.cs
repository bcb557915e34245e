using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>Creates an actor by calling a factory delegate (no expression tree to evaluate, no constructor looked up by reflection).</summary>
internal sealed class FactoryActorProducer<TActor>(Func<TActor> factory) : IIndirectActorProducer
    where TActor : ActorBase
{
    /// <inheritdoc />
    public Type ActorType => typeof(TActor);

    /// <inheritdoc />
    public ActorBase Produce() => factory();

    /// <inheritdoc />
    public void Release(ActorBase actor)
    {
    }
}
