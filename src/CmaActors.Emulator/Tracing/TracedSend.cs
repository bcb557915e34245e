namespace CmaActors.Emulator.Tracing;

/// <summary>A message sent from one actor to another: the start of a flow arrow.</summary>
/// <param name="Seq">Send sequence number (the flow id).</param>
/// <param name="From">Sender's actor id.</param>
/// <param name="To">Receiver's actor id.</param>
/// <param name="SentNs">Virtual time of the send.</param>
public readonly record struct TracedSend(long Seq, int From, int To, long SentNs);
