namespace CmaActors.Runtime;

/// <summary>
/// A message sent to an emulator actor (a Tell, or a timer firing).
/// </summary>
/// <param name="Seq">Sequence number of the send, unique in the run.</param>
/// <param name="From">The sending actor (the one whose handler ran the Tell), or <see cref="ActorId.External"/>.</param>
/// <param name="To">The receiving actor.</param>
/// <param name="Message">The message.</param>
/// <param name="SentAtNs">Virtual time of the send.</param>
/// <param name="ArrivesAtNs">Virtual time at which the message arrives in the receiver's mailbox.</param>
public readonly record struct SendEvent(long Seq, ActorId From, ActorId To, object Message, long SentAtNs, long ArrivesAtNs);
