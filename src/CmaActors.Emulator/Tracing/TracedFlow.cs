namespace CmaActors.Emulator.Tracing;

/// <summary>A message whose send and delivery both lie in the trace window: one flow arrow.</summary>
/// <param name="Seq">Send sequence number (the flow id).</param>
/// <param name="From">Sender's actor id.</param>
/// <param name="To">Receiver's actor id.</param>
/// <param name="SentNs">Virtual time of the send.</param>
/// <param name="DeliveredNs">Virtual time the receiver's handler started.</param>
/// <param name="Message">Message type name.</param>
public readonly record struct TracedFlow(long Seq, int From, int To, long SentNs, long DeliveredNs, string Message);
