using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>A message waiting in an <see cref="ObservedMessageQueue"/>, with the facts of its arrival.</summary>
/// <param name="Envelope">The message and its sender.</param>
/// <param name="ArrivedAtNs">Wall time it was put into the mailbox.</param>
/// <param name="ArrivedBusy">The actor was busy (handling, or with messages queued) when it arrived.</param>
/// <param name="Seq">Sequence number of the send, unique in the run.</param>
/// <param name="From">The emulator actor whose handler sent it, or <see cref="ActorId.External"/>.</param>
internal readonly record struct ObservedItem(Envelope Envelope, long ArrivedAtNs, bool ArrivedBusy, long Seq, ActorId From);
