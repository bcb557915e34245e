using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace CmaActors.Runtime;

/// <summary>
/// Mailbox type of the emulator dispatcher in simulation mode (its <c>mailbox-type</c>): creates a
/// <see cref="SimulationMessageQueue"/> per actor.
/// </summary>
public sealed class SimulationMailboxType : MailboxType, IProducesMessageQueue<SimulationMessageQueue>
{
    /// <summary>Constructor used by Akka's mailbox configuration.</summary>
    public SimulationMailboxType(Settings settings, Config config)
        : base(settings, config)
    {
    }

    /// <inheritdoc />
    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new SimulationMessageQueue();
}
