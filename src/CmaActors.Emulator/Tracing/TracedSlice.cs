namespace CmaActors.Emulator.Tracing;

/// <summary>A handler that ran: on which actor, when, how long its message waited, what it handled and from whom.</summary>
/// <param name="Actor">Actor id.</param>
/// <param name="StartNs">Handler start, virtual ns.</param>
/// <param name="EndNs">Handler end, virtual ns.</param>
/// <param name="WaitNs">Mailbox wait before the start.</param>
/// <param name="Function">The kernel function the handler plays.</param>
/// <param name="Message">Message type name.</param>
/// <param name="From">Sender's actor id (-1: outside the simulation).</param>
/// <param name="Seq">Send sequence number (the flow id).</param>
public readonly record struct TracedSlice(int Actor, long StartNs, long EndNs, long WaitNs, string Function, string Message, int From, long Seq);
