using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>
/// Props that create an actor by calling a delegate. <c>Props.Create(() =&gt; new T(...))</c> compiles every
/// constructor argument of its expression into a dynamic method each time it is called; exploration creates the whole
/// machine again for every schedule, so that cost (and the finalisation of the dynamic methods) would dominate it.
/// </summary>
public static class FactoryProps
{
    /// <summary>Props whose actor is <paramref name="create"/>()'s result.</summary>
    public static Props Of<TActor>(Func<TActor> create) where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(create);
        return Props.CreateBy(new Producer<TActor>(create));
    }

    private sealed class Producer<TActor>(Func<TActor> create) : IIndirectActorProducer where TActor : ActorBase
    {
        public Type ActorType => typeof(TActor);

        public ActorBase Produce() => create();

        public void Release(ActorBase actor)
        {
        }
    }
}
