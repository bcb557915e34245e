using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>
/// Props of actors created from a factory delegate. <c>Props.Create(() =&gt; new T(...))</c> takes an expression tree
/// whose arguments Akka evaluates (compiling code) and whose constructor it then invokes by reflection, every time;
/// short-lived actors created thousands of times (one per cma_alloc call, every actor of every explored schedule)
/// spent most of their creation there. The factory runs once per actor instance, as the expression's constructor call did.
/// </summary>
public static class ActorProps
{
    /// <summary>Props that create each actor with <paramref name="factory"/>.</summary>
    public static Props Of<TActor>(Func<TActor> factory)
        where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Props.CreateBy(new FactoryActorProducer<TActor>(factory));
    }
}
