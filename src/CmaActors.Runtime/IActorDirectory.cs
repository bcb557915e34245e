using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>Who the emulator actors of one run are: ids in creation order and names relative to the run's root.</summary>
internal interface IActorDirectory
{
    /// <summary>The id of an emulator actor, or <see cref="ActorId.External"/>.</summary>
    ActorId IdOf(IActorRef actor);

    /// <summary>The actor's path relative to the run's root, e.g. "machine/cpu2".</summary>
    string NameOf(ActorId id);
}
