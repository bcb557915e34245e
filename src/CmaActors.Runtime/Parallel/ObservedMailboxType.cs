using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace CmaActors.Runtime;

/// <summary>
/// Mailbox type of the emulator dispatcher in parallel mode (its <c>mailbox-type</c>): gives each actor an id in creation
/// order and an <see cref="ObservedMessageQueue"/> registered with the run's directory.
/// </summary>
public sealed class ObservedMailboxType : MailboxType, IProducesMessageQueue<ObservedMessageQueue>
{
    /// <summary>Constructor used by Akka's mailbox configuration.</summary>
    public ObservedMailboxType(Settings settings, Config config)
        : base(settings, config)
    {
    }

    /// <inheritdoc />
    public override IMessageQueue Create(IActorRef owner, ActorSystem system)
    {
        var directory = EmulatorRuntime.Get(system).Parallel
                        ?? throw new ConfigurationException("The observed mailbox needs a parallel run: create the actor system through ParallelHost.");
        return directory.Register(owner);
    }
}
