namespace CmaActors.Runtime;

/// <summary>
/// A message handed to an emulator actor's handler.
/// </summary>
/// <param name="Step">Ordinal of this delivery in the run (0, 1, 2, ...).</param>
/// <param name="Seq">Sequence number of the send that carried the message.</param>
/// <param name="From">The sender, or <see cref="ActorId.External"/>.</param>
/// <param name="To">The receiving actor.</param>
/// <param name="Message">The message.</param>
/// <param name="ArrivedAtNs">Virtual time the message arrived in the mailbox.</param>
/// <param name="StartNs">Virtual time the handler started: the later of arrival and the time the actor became free.</param>
public readonly record struct DeliveryEvent(long Step, long Seq, ActorId From, ActorId To, object Message, long ArrivedAtNs, long StartNs);
